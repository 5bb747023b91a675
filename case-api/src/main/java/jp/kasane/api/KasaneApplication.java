package jp.kasane.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Kasane (重ね): the system of record for 重層的支援体制整備事業. */
@SpringBootApplication(scanBasePackages = "jp.kasane")
@EnableScheduling // the hourly purge of expired idempotency records
public class KasaneApplication {

    static {
        // A city's server holding welfare records does not report usage to a vendor: Axon's update checker is off
        // unless an operator explicitly turns it on (-Daxoniq.update-checker.disabled=false).
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(KasaneApplication.class, args);
    }
}
