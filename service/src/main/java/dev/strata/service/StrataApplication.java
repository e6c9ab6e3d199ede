package dev.strata.service;

import dev.strata.service.admin.AdminCli;
import java.io.PrintWriter;
import java.util.Arrays;
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
        if (args.length > 0 && args[0].equals("admin")) {
            // Operators' commands share the jar and its configuration but must not start the web server.
            PrintWriter out = new PrintWriter(System.out, true);
            PrintWriter err = new PrintWriter(System.err, true);
            System.exit(AdminCli.run(Arrays.copyOfRange(args, 1, args.length), out, err));
        }
        SpringApplication.run(StrataApplication.class, args);
    }
}
