package dev.strata.service.kv;

import dev.strata.service.api.ApiException;
import java.util.regex.Pattern;

/**
 * What names may look like. Tenant ids and namespaces exclude ':' and glob characters, which keeps
 * Redis key patterns unambiguous; keys are limited to characters that survive a URL path unescaped.
 */
public final class KeyRules {

    public static final int MAX_TENANT_LENGTH = 63;
    public static final int MAX_NAMESPACE_LENGTH = 128;
    public static final int MAX_KEY_LENGTH = 512;

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:@!+=-]{1,512}");

    private KeyRules() {
    }

    public static String tenant(String id) {
        if (id == null || !TENANT.matcher(id).matches()) {
            throw ApiException.badRequest("invalid-tenant-id",
                    "Tenant ids are 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit.");
        }
        return id;
    }

    public static String namespace(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw ApiException.badRequest("invalid-namespace",
                    "Namespaces are 1-128 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit.");
        }
        return namespace;
    }

    public static String key(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
            throw ApiException.badRequest("invalid-key",
                    "Keys are 1-512 characters of A-Z, a-z, 0-9 and . _ ~ : @ ! + = -");
        }
        return key;
    }

    /** A key prefix for listing: the key alphabet, possibly empty. */
    public static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        if (prefix.length() > MAX_KEY_LENGTH || !KEY.matcher(prefix).matches()) {
            throw ApiException.badRequest("invalid-prefix", "A prefix uses the key alphabet and is at most 512 characters.");
        }
        return prefix;
    }
}
