package pkilab.trust;

import java.util.List;

/** The Windows scripts: PowerShell and cmd (certutil), into the machine's Trusted Root store. */
final class WindowsScripts {
    private static final String WHY = """
            # Trusted Root Certification Authorities of this computer (Cert:\\LocalMachine\\Root):
            # every program that validates with Windows' CryptoAPI trusts what is there (.NET and
            # the Dynamics CRM E-mail Router, IIS clients, Edge, Chrome). Firefox and Java keep
            # their own stores (pkilab trust install --into firefox|java).
            """;

    private WindowsScripts() {
    }

    static String installPs1(List<TrustRoot> roots) {
        StringBuilder sb = new StringBuilder("""
                # Installs pkilab lab roots into the
                """).append(WHY).append("""
                #
                # Read before running. Run in an elevated PowerShell (Run as administrator):
                #   powershell -ExecutionPolicy Bypass -File .\\install-lab-roots.ps1
                # Undo with uninstall-lab-roots.ps1 (removes these thumbprints and nothing else).
                #
                # Roots:
                """);
        roots.forEach(r -> sb.append(TrustScripts.describe(r, "#")));
        sb.append("\n$ErrorActionPreference = 'Stop'\n");
        for (TrustRoot r : roots) {
            sb.append("\n# ").append(r.alias()).append('\n')
                    .append("Import-Certificate -FilePath \"$PSScriptRoot\\").append(r.alias())
                    .append(".cer\" -CertStoreLocation Cert:\\LocalMachine\\Root\n")
                    .append("Write-Host \"installed ").append(r.alias()).append(" (thumbprint ").append(r.thumbprint()).append(")\"\n");
        }
        return sb.toString();
    }

    static String uninstallPs1(List<TrustRoot> roots) {
        StringBuilder sb = new StringBuilder("""
                # Removes the pkilab lab roots that install-lab-roots.ps1 added to the
                """).append(WHY).append("""
                #
                # Read before running. Run in an elevated PowerShell:
                #   powershell -ExecutionPolicy Bypass -File .\\uninstall-lab-roots.ps1
                # Removes by SHA-1 thumbprint, so no other certificate is touched.
                #
                """);
        roots.forEach(r -> sb.append(TrustScripts.describe(r, "#")));
        sb.append("\n$ErrorActionPreference = 'Stop'\n");
        for (TrustRoot r : roots) {
            String path = "Cert:\\LocalMachine\\Root\\" + r.thumbprint();
            sb.append("\n# ").append(r.alias()).append('\n')
                    .append("if (Test-Path '").append(path).append("') {\n")
                    .append("    Remove-Item '").append(path).append("'\n")
                    .append("    Write-Host 'removed ").append(r.alias()).append("'\n")
                    .append("} else {\n")
                    .append("    Write-Host '").append(r.alias()).append(" is not installed; nothing to remove'\n")
                    .append("}\n");
        }
        return sb.toString();
    }

    static String installCmd(List<TrustRoot> roots) {
        StringBuilder sb = new StringBuilder("@echo off\n");
        sb.append(rem("Installs pkilab lab roots into the\n" + WHY.replace("# ", "").replace("#", "")
                + "\nRead before running. Run from an elevated Command Prompt (Run as administrator).\n"
                + "Undo with uninstall-lab-roots.cmd (removes these thumbprints and nothing else).\n\nRoots:\n"));
        roots.forEach(r -> sb.append(TrustScripts.describe(r, "rem")));
        for (TrustRoot r : roots) {
            sb.append("\nrem ").append(r.alias()).append('\n')
                    .append("certutil -addstore -f Root \"%~dp0").append(r.alias()).append(".cer\" || exit /b 1\n");
        }
        return sb.toString();
    }

    static String uninstallCmd(List<TrustRoot> roots) {
        StringBuilder sb = new StringBuilder("@echo off\n");
        sb.append(rem("Removes the pkilab lab roots that install-lab-roots.cmd added, by SHA-1 thumbprint.\n"
                + "Read before running. Run from an elevated Command Prompt.\n\n"));
        roots.forEach(r -> sb.append(TrustScripts.describe(r, "rem")));
        for (TrustRoot r : roots) {
            sb.append("\nrem ").append(r.alias()).append('\n')
                    .append("certutil -delstore Root ").append(r.thumbprint()).append('\n');
        }
        return sb.toString();
    }

    private static String rem(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.strip().split("\n", -1)) {
            sb.append(line.isBlank() ? "rem\n" : "rem " + line.strip() + "\n");
        }
        return sb.toString();
    }
}
