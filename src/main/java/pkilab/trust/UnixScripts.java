package pkilab.trust;

import java.util.List;

/** The macOS and Linux shell scripts. */
final class UnixScripts {
    private static final String MAC_KEYCHAIN = "/Library/Keychains/System.keychain";

    private UnixScripts() {
    }

    private static StringBuilder head(String what, List<TrustRoot> roots) {
        StringBuilder sb = new StringBuilder("#!/bin/sh\n").append(what.strip().replaceAll("(?m)^", "# ")).append("\n#\n");
        roots.forEach(r -> sb.append(TrustScripts.describe(r, "#")));
        sb.append("\nset -eu\nhere=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n");
        return sb;
    }

    static String macInstall(List<TrustRoot> roots) {
        StringBuilder sb = head("""
                Installs pkilab lab roots into the macOS System keychain as trusted roots: Safari,
                Chrome, curl and every program using Apple's Security framework trust them.
                Firefox and Java keep their own stores (pkilab trust install --into firefox|java).
                Read before running. It asks for an administrator password (sudo):
                  sh install-lab-roots.sh
                Undo with uninstall-lab-roots.sh (deletes these SHA-1 thumbprints and nothing else).
                """, roots);
        for (TrustRoot r : roots) {
            sb.append("\n# ").append(r.alias()).append('\n')
                    .append("sudo security add-trusted-cert -d -r trustRoot -k ").append(MAC_KEYCHAIN)
                    .append(" \"$here/").append(r.alias()).append(".crt\"\n")
                    .append("echo \"installed ").append(r.alias()).append("\"\n");
        }
        return sb.toString();
    }

    static String macUninstall(List<TrustRoot> roots) {
        StringBuilder sb = head("""
                Removes the pkilab lab roots that install-lab-roots.sh added to the macOS System
                keychain, by SHA-1 thumbprint, so no other certificate is touched.
                Read before running. It asks for an administrator password (sudo):
                  sh uninstall-lab-roots.sh
                """, roots);
        for (TrustRoot r : roots) {
            sb.append("\n# ").append(r.alias()).append('\n')
                    .append("sudo security delete-certificate -Z ").append(r.thumbprint()).append(' ').append(MAC_KEYCHAIN)
                    .append(" || echo \"").append(r.alias()).append(" was not installed\"\n");
        }
        return sb.toString();
    }

    static String linuxInstall(List<TrustRoot> roots) {
        StringBuilder sb = head("""
                Installs pkilab lab roots into the Linux system trust store: OpenSSL, curl, wget,
                Python, Go and most other programs read the bundle it regenerates.
                  Debian/Ubuntu: /usr/local/share/ca-certificates/*.crt, then update-ca-certificates
                  RHEL/Fedora:   /etc/pki/ca-trust/source/anchors/, then update-ca-trust extract
                Chromium, Firefox and Java keep their own stores: pkilab trust install --into nss|firefox|java.
                Read before running. Run as root:  sudo sh install-lab-roots.sh
                Undo with uninstall-lab-roots.sh (deletes exactly the files this script adds).
                """, roots);
        sb.append("""

                if command -v update-ca-certificates >/dev/null 2>&1; then
                  dir=/usr/local/share/ca-certificates
                  update="update-ca-certificates"
                elif command -v update-ca-trust >/dev/null 2>&1; then
                  dir=/etc/pki/ca-trust/source/anchors
                  update="update-ca-trust extract"
                else
                  echo "neither update-ca-certificates nor update-ca-trust found: install the ca-certificates package" >&2
                  exit 1
                fi
                mkdir -p "$dir"
                """);
        for (TrustRoot r : roots) {
            sb.append("install -m 0644 \"$here/").append(r.alias()).append(".crt\" \"$dir/").append(r.alias()).append(".crt\"\n");
        }
        sb.append("$update\necho \"installed into $dir\"\n");
        return sb.toString();
    }

    static String linuxUninstall(List<TrustRoot> roots) {
        StringBuilder sb = head("""
                Removes the pkilab lab roots that install-lab-roots.sh added to the Linux system trust
                store: deletes exactly those files, then regenerates the bundle.
                Read before running. Run as root:  sudo sh uninstall-lab-roots.sh
                """, roots);
        sb.append("""

                if command -v update-ca-certificates >/dev/null 2>&1; then
                  dir=/usr/local/share/ca-certificates
                  # --fresh rebuilds the links, so the removed root's link goes too
                  update="update-ca-certificates --fresh"
                else
                  dir=/etc/pki/ca-trust/source/anchors
                  update="update-ca-trust extract"
                fi
                """);
        for (TrustRoot r : roots) {
            sb.append("rm -f \"$dir/").append(r.alias()).append(".crt\"\n");
        }
        sb.append("$update\necho \"removed from $dir\"\n");
        return sb.toString();
    }
}
