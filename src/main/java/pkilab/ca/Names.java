package pkilab.ca;

import java.util.Locale;
import java.util.regex.Pattern;
import pkilab.BadInputException;

/** Checks of the names that go into certificates: DNS names (wildcards allowed) and IP literals. */
public final class Names {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private Names() {
    }

    /**
     * A DNS name as it may stand in a certificate: letters, digits, hyphens; a left-most
     * {@code *} label for a wildcard. Returned lower-case except single-label NetBIOS names,
     * which keep their case as Windows writes them.
     */
    public static String dns(String name) {
        String n = name == null ? "" : name.trim();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > 253) {
            throw new BadInputException("invalid DNS name '" + name + "' (expected a host name like mail.contoso.test)");
        }
        String[] labels = n.toLowerCase(Locale.ROOT).split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            boolean wildcard = i == 0 && l.equals("*") && labels.length > 1;
            if (!wildcard && !LABEL.matcher(l).matches()) {
                throw new BadInputException("invalid DNS name '" + name + "': label '" + l + "' "
                        + (l.contains("*") ? "(a wildcard must be the whole left-most label, as in *.contoso.test)"
                        : "(letters, digits and hyphens only, not starting or ending with a hyphen)")
                        + idnHint(n));
            }
        }
        return labels.length == 1 ? n : n.toLowerCase(Locale.ROOT);
    }

    private static String idnHint(String name) {
        String ascii = asciiForm(name);
        return ascii == null ? "" : "; an international name goes in its ASCII form: " + ascii;
    }

    /**
     * The ASCII form (RFC 5890 A-labels, {@code xn--…}) in which an international name stands in
     * certificates and URLs; null for a name that is ASCII already or has no such form.
     */
    public static String asciiForm(String name) {
        if (name.chars().allMatch(c -> c < 128)) {
            return null;
        }
        try {
            return java.net.IDN.toASCII(name, java.net.IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean isIpLiteral(String s) {
        return s != null && (IPV4.matcher(s).matches() || (IPV6.matcher(s).matches() && s.contains(":")));
    }

    public static String ip(String s) {
        String v = s == null ? "" : s.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        if (!isIpLiteral(v)) {
            throw new BadInputException("invalid IP address '" + s + "' (expected an address like 127.0.0.1 or ::1)");
        }
        return v;
    }

    /** The file name for a certificate named {@code name}: {@code *} becomes {@code _wildcard}, ':' becomes '_'. */
    public static String fileStem(String name) {
        return name.replace("*", "_wildcard").replace(':', '_').replace('/', '_').replace(' ', '_');
    }
}
