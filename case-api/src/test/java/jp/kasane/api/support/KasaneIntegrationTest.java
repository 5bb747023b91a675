package jp.kasane.api.support;

import jp.kasane.api.KasaneApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a real embedded PostgreSQL, over HTTP on a random port. Every test class with this
 * annotation and no other configuration shares one Spring context (and one database), so tests must create
 * their own cases rather than rely on an empty database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = KasaneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ApiConfiguration.class)
public @interface KasaneIntegrationTest {
}
