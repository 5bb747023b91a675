package jp.kasane.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = "jp.kasane")
public class KasaneApplication {
    public static void main(String[] args) {
        SpringApplication.run(KasaneApplication.class, args);
    }
}
