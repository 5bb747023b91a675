package jp.kasane.api.config.web;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code kasane.web.request-thread-priority} reaches Tomcat's request threads (docs/configuration.md: lower it, with
 * {@code -XX:ThreadPriorityPolicy=1}, and the projections get more of the cores than the requests), and a priority
 * Java does not have stops the start instead of being ignored.
 */
class RequestThreadPriorityTest {

    @Test
    void the_request_threads_get_the_configured_priority() {
        assertThat(protocolAfter(0, Thread.MIN_PRIORITY).getThreadPriority()).isEqualTo(Thread.MIN_PRIORITY);
        assertThat(protocolAfter(3, Thread.NORM_PRIORITY).getThreadPriority()).isEqualTo(Thread.NORM_PRIORITY);
        assertThat(protocolAfter(3, Thread.NORM_PRIORITY).getMaxThreads()).isEqualTo(3);
    }

    @Test
    void a_priority_outside_one_to_ten_is_refused() {
        assertThatThrownBy(() -> new TomcatConfiguration().requestThreads(0, 0))
                .hasMessageContaining("kasane.web.request-thread-priority");
        assertThatThrownBy(() -> new TomcatConfiguration().requestThreads(0, 11))
                .hasMessageContaining("kasane.web.request-thread-priority");
    }

    private static AbstractProtocol<?> protocolAfter(int threads, int priority) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new TomcatConfiguration().requestThreads(threads, priority).customize(factory);
        Connector connector = new Connector("HTTP/1.1");
        factory.getTomcatConnectorCustomizers().forEach(c -> c.customize(connector));
        return (AbstractProtocol<?>) connector.getProtocolHandler();
    }
}
