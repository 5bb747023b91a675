package jp.kasane.api.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@link DemoKeysSetting} says the demo API keys are on. */
public class DemoKeysEnabledCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        try {
            return DemoKeysSetting.resolve(context.getEnvironment()).enabled();
        } catch (IllegalStateException refused) {
            // DemoKeysStartupGuard reports it; never switch demo keys on by accident.
            return false;
        }
    }
}
