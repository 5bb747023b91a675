package jp.kasane.api.config.web;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.AbstractProtocol;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The embedded Tomcat, with its error answers in problem+json ({@link ProblemErrorReportValve}), and as many request
 * threads as the machine can keep busy ({@code kasane.web.request-threads}, 0: twice the cores). A request is CPU and
 * database work, not waiting on slow clients, so Tomcat's 200 threads only crowd out the event processors, whose
 * single threads then get a small share of the cores: on 2 cores, 4 request threads kept the same write rate as 200
 * and cut the projection lag under load from seconds to about 0.1 s (docs/benchmarks.md). Further requests wait in
 * the connection queue, not on a thread.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory() {
        return new TomcatServletWebServerFactory() {
            @Override
            protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
                // Before the host starts: it installs this class instead of its HTML ErrorReportValve.
                ((StandardHost) tomcat.getHost()).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                return super.getTomcatWebServer(tomcat);
            }
        };
    }

    /** After Spring Boot's own customizer, so this is the thread count Tomcat gets. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestThreads(
            @Value("${kasane.web.request-threads:0}") int configured,
            @Value("${kasane.web.request-thread-priority:5}") int priority) {
        if (configured < 0) {
            throw new IllegalArgumentException("kasane.web.request-threads must not be negative");
        }
        if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
            throw new IllegalArgumentException("kasane.web.request-thread-priority must be from 1 to 10");
        }
        int threads = configured > 0 ? configured : 2 * Runtime.getRuntime().availableProcessors();
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxThreads(threads);
                protocol.setMinSpareThreads(Math.min(threads, protocol.getMinSpareThreads()));
                // Only takes effect where the JVM maps priorities to the OS (Linux: -XX:ThreadPriorityPolicy=1).
                protocol.setThreadPriority(priority);
            }
        });
    }
}
