package dev.strata.service.memory.session;

import dev.strata.service.api.ApiException;
import java.util.Locale;

/** Who said a message. */
public enum Role {
    USER, ASSISTANT, SYSTEM, TOOL;

    public static Role parse(String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.name().equalsIgnoreCase(value)) {
                    return role;
                }
            }
        }
        throw ApiException.badRequest("invalid-role", "'role' must be one of user, assistant, system, tool.");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
