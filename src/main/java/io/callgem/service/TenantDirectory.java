package io.callgem.service;

/**
 * Turns a tenant descriptor (untrusted TD text) into a single safe path segment, as the
 * service contract says: characters outside {@code [A-Za-z0-9._-]} become {@code _}, and a
 * name of only dots (or an empty one) becomes {@code _}, so nothing escapes the outcomes
 * directory.
 */
public final class TenantDirectory {

    private TenantDirectory() {
    }

    public static String of(String tenant) {
        if (tenant == null || tenant.isEmpty()) {
            return "_";
        }
        StringBuilder safe = new StringBuilder(tenant.length());
        boolean onlyDots = true;
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            safe.append(allowed ? c : '_');
            onlyDots &= c == '.';
        }
        return onlyDots ? "_" : safe.toString();
    }
}
