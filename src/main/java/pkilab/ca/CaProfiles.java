package pkilab.ca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import pkilab.BadInputException;
import pkilab.config.ConfigDir;
import pkilab.config.YamlDoc;

/** The CA profiles of a {@code ca/} folder, loaded and checked. */
public final class CaProfiles {
    private final Map<String, CaProfile> byName;

    private CaProfiles(Map<String, CaProfile> byName) {
        this.byName = byName;
    }

    public static CaProfiles load(Path caFolder) {
        if (!Files.isDirectory(caFolder)) {
            throw new BadInputException("no CA profiles: " + caFolder + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(caFolder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list " + caFolder + ": " + BadInputException.why(e));
        }
        Map<String, CaProfile> out = new LinkedHashMap<>();
        for (Path f : files) {
            YamlDoc doc = YamlDoc.read(f, ConfigDir.display(f));
            CaProfile p = doc.bind(CaProfile.class);
            check(doc, p);
            if (out.containsKey(p.name)) {
                throw doc.fail("name", "CA name '" + p.name + "' is already used by another profile");
            }
            out.put(p.name, p);
        }
        return new CaProfiles(out);
    }

    public CaProfile get(String name) {
        CaProfile p = byName.get(name);
        if (p == null) {
            throw new BadInputException("unknown CA '" + name + "' (known: " + String.join(", ", byName.keySet()) + ")");
        }
        return p;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public List<CaProfile> all() {
        return new ArrayList<>(byName.values());
    }

    private static final Set<String> RESERVED = Set.of("public-root");

    static void check(YamlDoc doc, CaProfile p) {
        if (p.name == null || !p.name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw doc.fail("name", "expected a lower-case name like 'enterprise', found '" + p.name + "'");
        }
        if (RESERVED.contains(p.name) || p.name.endsWith("-root")) {
            throw doc.fail("name", "'" + p.name + "' is reserved for the root of a two-level CA");
        }
        if (p.root == null && p.intermediate != null) {
            throw doc.fail("intermediate", "an intermediate needs a root");
        }
        if (p.root != null) {
            checkTemplate(doc, "root", p.root, true);
        }
        if (p.intermediate != null) {
            checkTemplate(doc, "intermediate", p.intermediate, true);
        }
        if (p.leaves.isEmpty()) {
            throw doc.fail("leaves", "at least one leaf profile is needed");
        }
        for (Map.Entry<String, CertTemplate> e : p.leaves.entrySet()) {
            checkTemplate(doc, "leaves." + e.getKey(), e.getValue(), false);
        }
    }

    private static void checkTemplate(YamlDoc doc, String at, CertTemplate t, boolean ca) {
        if (ca && (t.subject == null || t.subject.isBlank())) {
            throw doc.fail(at + ".subject", "a CA certificate needs a subject DN");
        }
        if (t.subject != null && !t.subject.isBlank()) {
            try {
                new X500Principal(t.subject);
            } catch (IllegalArgumentException e) {
                throw doc.fail(at + ".subject", "not a distinguished name: '" + t.subject + "'");
            }
        }
        tryParse(doc, at + ".key", () -> KeyType.parse(t.key == null ? "rsa-2048" : t.key));
        tryParse(doc, at + ".signature", () -> SignatureHash.parse(t.signature == null ? "sha256" : t.signature));
        for (String field : new String[] {"validity", "maxValidity", "backdate"}) {
            String v = field.equals("validity") ? t.validity : field.equals("maxValidity") ? t.maxValidity : t.backdate;
            if (v != null) {
                tryParse(doc, at + "." + field, () -> TimeSpec.period(v));
            }
        }
        if (t.serialBits != null && (t.serialBits < 20 || t.serialBits > 159)) {
            throw doc.fail(at + ".serialBits", "expected 20 to 159 bits, found " + t.serialBits);
        }
        if (t.keyUsage != null) {
            for (int i = 0; i < t.keyUsage.values.size(); i++) {
                String u = t.keyUsage.values.get(i);
                if (!pkilab.ca.internal.X509Maker.KEY_USAGES.containsKey(u)) {
                    throw doc.fail(at + ".keyUsage.values[" + i + "]", "unknown key usage '" + u + "' (expected one of "
                            + String.join(", ", pkilab.ca.internal.X509Maker.KEY_USAGES.keySet()) + ")");
                }
            }
        }
        if (t.extKeyUsage != null) {
            for (int i = 0; i < t.extKeyUsage.values.size(); i++) {
                String u = t.extKeyUsage.values.get(i);
                tryParse(doc, at + ".extKeyUsage.values[" + i + "]", () -> pkilab.ca.internal.X509Maker.ekuOid(u));
            }
        }
        if (ca && (t.basicConstraints == null || !t.basicConstraints.ca)) {
            throw doc.fail(at + ".basicConstraints", "a CA certificate needs basicConstraints with ca: true");
        }
        for (int i = 0; i < t.extensions.size(); i++) {
            CertTemplate.RawExtension r = t.extensions.get(i);
            if (r.id == null || !r.id.matches("\\d+(\\.\\d+)+")) {
                throw doc.fail(at + ".extensions[" + i + "].id", "expected an OID like 1.3.6.1.4.1.311.21.1, found '" + r.id + "'");
            }
            if (r.value == null) {
                throw doc.fail(at + ".extensions[" + i + "].value", "a raw extension needs a value (hex DER, bmp:TEXT, utf8:TEXT or int:N)");
            }
        }
        Object nc = t.nameConstraints;
        if (nc != null && !"lab".equals(nc) && !"none".equals(nc)
                && !(nc instanceof Map<?, ?> m && Set.of("permitted", "excluded").containsAll(m.keySet()))) {
            throw doc.fail(at + ".nameConstraints", "expected 'lab', 'none' or {permitted: [...], excluded: [...]}");
        }
    }

    private static void tryParse(YamlDoc doc, String at, Runnable r) {
        try {
            r.run();
        } catch (BadInputException e) {
            throw doc.fail(at, e.getMessage());
        }
    }
}
