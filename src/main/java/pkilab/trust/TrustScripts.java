package pkilab.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pkilab.BadInputException;
import pkilab.ca.LabHome;
import pkilab.pem.Pem;

/**
 * Ready-made install and removal scripts for machines pkilab does not run on, with the root
 * files beside them (REFERENCE §8). Removal goes by SHA-1 thumbprint (Windows, macOS) or by
 * the exact file name pkilab chose (Linux), so it takes out these roots and nothing else.
 * Every script starts with what it changes, for the admin who reads before running.
 */
public final class TrustScripts {
    /** The operating systems scripts are written for. */
    public enum Os {
        WINDOWS, MACOS, LINUX;

        public static Os parse(String s) {
            for (Os o : values()) {
                if (o.name().equalsIgnoreCase(s)) {
                    return o;
                }
            }
            throw new BadInputException("unknown --os '" + s + "' (expected windows, macos or linux)");
        }
    }

    private TrustScripts() {
    }

    /** Writes root files and scripts into {@code dir}; returns the files written. */
    public static List<Path> write(Os os, List<TrustRoot> roots, Path dir, boolean force) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (TrustRoot r : roots) {
            files.put(r.alias() + ".cer", TrustExport.der(r));
            files.put(r.alias() + ".crt", Pem.encodeBytes(r.certificate()));
        }
        switch (os) {
            case WINDOWS -> {
                files.put("install-lab-roots.ps1", crlf(WindowsScripts.installPs1(roots)));
                files.put("uninstall-lab-roots.ps1", crlf(WindowsScripts.uninstallPs1(roots)));
                files.put("install-lab-roots.cmd", crlf(WindowsScripts.installCmd(roots)));
                files.put("uninstall-lab-roots.cmd", crlf(WindowsScripts.uninstallCmd(roots)));
            }
            case MACOS -> {
                files.put("install-lab-roots.sh", utf8(UnixScripts.macInstall(roots)));
                files.put("uninstall-lab-roots.sh", utf8(UnixScripts.macUninstall(roots)));
            }
            case LINUX -> {
                files.put("install-lab-roots.sh", utf8(UnixScripts.linuxInstall(roots)));
                files.put("uninstall-lab-roots.sh", utf8(UnixScripts.linuxUninstall(roots)));
            }
        }
        for (String name : files.keySet()) {
            if (Files.exists(dir.resolve(name)) && !force) {
                throw new BadInputException(dir.resolve(name) + " exists; not overwriting it (add --force to replace it)");
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            LabHome.writeAtomic(p, e.getValue(), false);
            if (e.getKey().endsWith(".sh")) {
                try {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (IOException | UnsupportedOperationException ignored) {
                    // the script still runs with "sh FILE"
                }
            }
            written.add(p);
        }
        return written;
    }

    /** Comment lines describing one root, with {@code prefix} as the comment marker. */
    static String describe(TrustRoot r, String prefix) {
        return prefix + " " + r.alias() + ": " + r.subject() + "\n"
                + prefix + "   SHA-1 thumbprint " + r.thumbprint() + "\n"
                + prefix + "   SHA-256 " + r.sha256().toUpperCase(Locale.ROOT) + "\n"
                + prefix + "   " + r.scope() + "\n";
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
