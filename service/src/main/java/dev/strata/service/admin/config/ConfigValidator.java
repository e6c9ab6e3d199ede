package dev.strata.service.admin.config;

import dev.strata.service.api.ApiProperties;
import dev.strata.service.embedded.EmbeddedPostgresProperties;
import dev.strata.service.flags.FeatureFlagProperties;
import dev.strata.service.memory.MemoryProperties;
import dev.strata.service.stats.StatsProperties;
import dev.strata.service.prune.PruneProperties;
import dev.strata.service.tenant.AdminProperties;
import dev.strata.service.tenant.TenantProperties;
import dev.strata.service.tier.durable.DurableTierProperties;
import dev.strata.service.tier.hot.HotTierConfiguration;
import dev.strata.service.tier.hot.HotTierProperties;
import dev.strata.service.tier.warm.RedisClients;
import dev.strata.service.tier.warm.WarmTierProperties;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Binds every settings record of the server from an environment and collects all problems instead of
 * stopping at the first, as the server's start-up does. Each problem names the setting.
 */
final class ConfigValidator {

    /** One bad setting. */
    record Problem(String setting, String message) { }

    /** Every settings record the server binds; a new feature's record is added here. */
    static final List<Class<?>> SETTINGS = List.of(HotTierProperties.class, WarmTierProperties.class, DurableTierProperties.class,
            EmbeddedPostgresProperties.class, ApiProperties.class, TenantProperties.class, AdminProperties.class,
            FeatureFlagProperties.class, PruneProperties.class, MemoryProperties.class, StatsProperties.class);

    private ConfigValidator() {
    }

    /** The bound records by type (those that bound) and every problem found. */
    static Map<Class<?>, Object> bindAll(Environment environment, List<Problem> problems) {
        Binder binder = Binder.get(environment);
        java.util.Set<String> unreadable = new java.util.HashSet<>();
        // Spring stops binding a record at its first unreadable field; this handler notes the field,
        // substitutes a neutral value and lets binding go on, so all problems are found in one run.
        org.springframework.boot.context.properties.bind.BindHandler collecting =
                new org.springframework.boot.context.properties.bind.AbstractBindHandler() {
                    @Override
                    public Object onFailure(org.springframework.boot.context.properties.source.ConfigurationPropertyName name,
                                            Bindable<?> target, org.springframework.boot.context.properties.bind.BindContext context,
                                            Exception error) {
                        problems.add(new Problem(name.toString(), "cannot be read: " + rootMessage(error)));
                        unreadable.add(name.toString());
                        return neutralValue(target.getType().resolve(Object.class));
                    }
                };
        Map<Class<?>, Object> bound = new LinkedHashMap<>();
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            for (Class<?> type : SETTINGS) {
                String prefix = type.getAnnotation(ConfigurationProperties.class).value();
                try {
                    Object value = binder.bindOrCreate(prefix, Bindable.of(type), collecting);
                    for (ConstraintViolation<Object> violation : validator.validate(value)) {
                        String setting = prefix + "." + kebab(violation.getPropertyPath().toString());
                        if (!unreadable.contains(setting)) {
                            problems.add(new Problem(setting, violation.getMessage()));
                        }
                    }
                    bound.put(type, value);
                } catch (BindException e) {
                    String setting = e.getProperty() != null ? e.getProperty().getName().toString() : prefix;
                    problems.add(new Problem(setting, "cannot be read: " + rootMessage(e)));
                } catch (RuntimeException e) {
                    problems.add(new Problem(prefix, rootMessage(e)));
                }
            }
        }
        return bound;
    }

    /** Checks that need more than one field or a parser: the same rules the server applies when wiring the tiers. */
    static void crossCheck(Map<Class<?>, Object> bound, List<Problem> problems) {
        if (bound.get(DurableTierProperties.class) instanceof DurableTierProperties durable && !durable.embedded()
                && !durable.url().startsWith("jdbc:postgresql:")) {
            problems.add(new Problem("strata.durable.url", "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/database)"));
        }
        if (bound.get(WarmTierProperties.class) instanceof WarmTierProperties warm && warm.enabled()) {
            try {
                RedisClients.parse(warm.url());
            } catch (IllegalStateException e) {
                problems.add(new Problem("strata.warm.url", e.getMessage()));
            }
        }
        if (bound.get(HotTierProperties.class) instanceof HotTierProperties hot && !HotTierConfiguration.POLICIES.contains(hot.policy())) {
            problems.add(new Problem("strata.hot.policy", "'" + hot.policy() + "' is not a known policy; known: "
                    + String.join(", ", HotTierConfiguration.POLICIES)));
        }
    }

    private static Object neutralValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        return null;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static List<Problem> newList() {
        return new ArrayList<>();
    }
}
