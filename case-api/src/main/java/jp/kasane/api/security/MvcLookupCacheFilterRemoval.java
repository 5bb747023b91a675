package jp.kasane.api.security;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes out of the security filter chain the filter Spring Security 6.5 puts in front of it whenever Spring MVC is
 * present: Spring MVC's {@code HandlerMappingIntrospector} cache filter, which looks up the request's controller method
 * before security runs so that Spring Security's MVC request matchers can reuse the answer. Our matchers are PathPattern
 * ones ({@link SecurityConfiguration#requestMatcherBuilder()}) and never ask Spring MVC, so that lookup was a second walk
 * of every request mapping per request (the DispatcherServlet walks them again): about 2.6 % of a consultation's
 * request-thread CPU in the benchmark's profiles (docs/benchmarks.md). Spring Security 7 no longer installs the filter.
 *
 * <p>Spring Security builds the chain as bean definitions (its own {@code BeanDefinitionRegistryPostProcessor}s wrap
 * {@code springSecurityFilterChain} in a composite of the cache filter and the original), so this runs after them, as a
 * bean factory post-processor, and drops the cache filter's definition from the composite. {@code
 * SecurityChainTest} fails if a Spring Security upgrade changes that shape and the filter comes back.
 */
final class MvcLookupCacheFilterRemoval implements BeanFactoryPostProcessor {

    /** The factory bean Spring Security 6.5 registers for the cache filter (package-private there, so named). */
    private static final String CACHE_FILTER_FACTORY = "org.springframework.security.config.annotation.web.configuration."
            + "WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        String chain = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
        if (beanFactory.containsBeanDefinition(chain)) {
            removeFrom(beanFactory.getBeanDefinition(chain));
        }
    }

    /** Removes the cache filter from the filter lists among the definition's constructor arguments, at any depth. */
    private static void removeFrom(BeanDefinition definition) {
        List<ValueHolder> arguments = new ArrayList<>(
                definition.getConstructorArgumentValues().getIndexedArgumentValues().values());
        arguments.addAll(definition.getConstructorArgumentValues().getGenericArgumentValues());
        for (ValueHolder argument : arguments) {
            if (argument.getValue() instanceof List<?> filters) {
                filters.removeIf(MvcLookupCacheFilterRemoval::isCacheFilter);
                for (Object filter : filters) {
                    if (filter instanceof BeanDefinition inner) {
                        removeFrom(inner);
                    }
                }
            }
        }
    }

    private static boolean isCacheFilter(Object element) {
        return element instanceof BeanDefinition definition && CACHE_FILTER_FACTORY.equals(definition.getBeanClassName());
    }
}
