package jp.kasane.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Refuses a forbidden demo-keys setting ({@link DemoKeysSetting#resolve}) before the database is contacted.
 *
 * <ul>
 *   <li>As an {@link ApplicationContextInitializer} of the highest precedence (registered in
 *       {@code META-INF/spring.factories}) it runs before every other initializer, in particular before the
 *       reachability check of an external database.</li>
 *   <li>As the first {@link BeanFactoryPostProcessor} (declared in {@link SecurityConfiguration}) it runs again
 *       before any ordinary bean (the embedded database, the pool, Flyway, Axon) is created, and logs the
 *       outcome; this also covers contexts built without the spring.factories initializers.</li>
 * </ul>
 */
public class DemoKeysStartupGuard implements ApplicationContextInitializer<ConfigurableApplicationContext>,
        BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private static final Logger log = LoggerFactory.getLogger(DemoKeysStartupGuard.class);

    private Environment environment;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        DemoKeysSetting.resolve(context.getEnvironment());
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        DemoKeysSetting setting = DemoKeysSetting.resolve(environment);
        log.info("Demo API keys are {}: {}", setting.enabled() ? "ON" : "off", setting.reason());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
