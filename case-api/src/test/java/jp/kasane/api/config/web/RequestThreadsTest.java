package jp.kasane.api.config.web;

import jp.kasane.api.support.KasaneIntegrationTest;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat runs as many request threads as {@code kasane.web.request-threads} says (0, the default: twice the cores),
 * not Spring Boot's 200: the setting must survive Boot's own customizer, or the event processors are crowded out again.
 */
@KasaneIntegrationTest
class RequestThreadsTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void tomcat_has_twice_the_cores_in_request_threads() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();
        int expected = 2 * Runtime.getRuntime().availableProcessors();
        assertThat(protocol.getMaxThreads()).isEqualTo(expected);
        assertThat(protocol.getMinSpareThreads()).isLessThanOrEqualTo(expected);
    }
}
