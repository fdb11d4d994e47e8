package com.hellobooks.security;

/**
 * The firewall's own rule for header names and values: assigned characters, no control
 * characters, and a tab allowed in values (its defaults are the regular expressions
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} and the same with {@code \t}). Checked here with
 * a loop, because the firewall runs the check on every read of a header, and Spring MVC reads
 * the same few headers dozens of times a request (once per route it tries): as regular
 * expressions they were a tenth of a keyed POST's CPU in a profile.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    static boolean allowedInName(String name) {
        return allowed(name, false);
    }

    static boolean allowedInValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            // printable ASCII, the whole of nearly every header, needs no table lookup
            boolean ok = c >= 0x20 && c < 0x7f
                    || (tab && c == '\t')
                    || (Character.isDefined(c) && !Character.isISOControl(c));
            if (!ok) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
