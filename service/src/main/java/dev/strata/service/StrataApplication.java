package dev.strata.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Strata memory server: key/value items over hot (in-process), warm (Redis) and durable (PostgreSQL) tiers. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StrataApplication {

    public static void main(String[] args) {
        SpringApplication.run(StrataApplication.class, args);
    }
}
