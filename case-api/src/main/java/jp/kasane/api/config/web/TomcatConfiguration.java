package jp.kasane.api.config.web;

import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded Tomcat, with its error answers in problem+json ({@link ProblemErrorReportValve}). */
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
}
