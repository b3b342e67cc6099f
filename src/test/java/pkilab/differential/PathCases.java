package pkilab.differential;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Twins for path building: what a validator must do with the certificates a server sends
 * before it can validate anything. Servers send chains in the wrong order, with extra or
 * unrelated certificates, with the root, or without the intermediate; cross-signing gives a
 * certificate two issuers (one of them expired); a careless CA can make a loop; two CAs can
 * share a name. A validator that tries every candidate issuer finds the good path when one
 * exists, and refuses when none does.
 */
final class PathCases {
    private PathCases() {
    }

    static void addTo(Corpus c) {
        String rule = "path-building";
        Corpus.Change two = p -> {
            Blueprint sub = Pki.ca(p.at, "Corpus Sub CA", 3, p.ca);
            p.leaf.issuer = sub;
            p.sent = List.of(p.leaf, sub, p.ca);
        };
        c.twin("chain-reverse-order", rule, "two intermediates sent leaf, sub-CA, CA (issuer after subject)",
                "the same two intermediates sent leaf, CA, sub-CA (reverse order)",
                two, p -> { two.apply(p); p.sent = List.of(p.leaf, p.ca, p.sent.get(1)); });
        c.twin("extra-unrelated-certificate", rule, "server sends leaf, intermediate",
                "server also sends an unrelated self-signed certificate",
                p -> p.sent = List.of(p.leaf, p.ca, Pki.root(p.at, "Unrelated Root", 8)));
        c.twin("root-sent", rule, "server sends leaf, intermediate", "server also sends the trusted root",
                p -> p.sent = List.of(p.leaf, p.ca, p.root));
        c.twin("missing-intermediate", rule, "server sends leaf, intermediate", "server sends the leaf only",
                p -> p.sent = List.of(p.leaf));
        c.twin("anchor-is-intermediate", rule, "client trusts the root",
                "client trusts the intermediate only (not self-signed), server sends the leaf",
                p -> { p.anchors = List.of(p.ca); p.sent = List.of(p.leaf); });
        c.twin("cross-signed-intermediate", rule,
                "intermediate certified by an expired trusted root and by a valid one; both certificates sent, the expired path's first",
                "only the intermediate's certificate from the expired root sent",
                p -> cross(p, true), p -> cross(p, false));
        c.twin("cross-certified-root", rule,
                "server sends leaf, CA and the valid root cross-certified by an expired old root; both roots trusted",
                "the same chain, only the expired old root trusted (the one path left ends at it)",
                p -> crossRoot(p, true), p -> crossRoot(p, false));
        c.twin("issuer-loop", rule, "leaf below A; A and B sign each other (a loop); A also certified by the trusted root and that sent",
                "leaf below A; A and B sign each other, no way out of the loop is sent",
                p -> loop(p, true), p -> loop(p, false));
        c.twin("same-name-issuers", rule,
                "two CAs named Corpus Issuing CA, only one key verifies the leaf (no AKI); both sent, the wrong one first",
                "only the CA with the wrong key sent",
                p -> sameName(p, true), p -> sameName(p, false));
        c.twin("deep-chain-12", rule, "a 12-deep path (leaf, ten intermediates, root) sent in order",
                "the same 12-deep path with the intermediates sent in reverse order",
                p -> deep(p, false), p -> deep(p, true));
    }

    /** The intermediate has a second certificate from an expired root; the first from a valid one. */
    private static void cross(Pki p, boolean validSent) {
        Blueprint old = Pki.root(p.at, "Corpus Old Root", 5);
        old.notBefore = p.at.minus(Duration.ofDays(3650));
        old.notAfter = p.at.minus(Duration.ofDays(10));
        Blueprint viaOld = Pki.ca(p.at, "unused", 1, old);
        viaOld.subject = p.ca.subject;
        viaOld.notBefore = old.notBefore;
        viaOld.notAfter = p.ca.notAfter;
        p.anchors = List.of(old, p.root);
        p.sent = validSent ? List.of(p.leaf, viaOld, p.ca) : List.of(p.leaf, viaOld);
    }

    /**
     * The shape of the 2020 AddTrust expiry: the valid root also exists as a certificate signed by
     * an older root, the server sends that cross certificate, and the old root has expired.
     */
    private static void crossRoot(Pki p, boolean validRootTrusted) {
        Blueprint old = Pki.root(p.at, "Corpus Old Root", 5);
        old.notBefore = p.at.minus(Duration.ofDays(3650));
        old.notAfter = p.at.minus(Duration.ofDays(10));
        Blueprint crossed = Pki.ca(p.at, "unused", 0, old);
        crossed.subject = p.root.subject;
        crossed.notBefore = old.notBefore;
        p.sent = List.of(p.leaf, p.ca, crossed);
        p.anchors = validRootTrusted ? List.of(old, p.root) : List.of(old);
    }

    /** A (key 1) issues the leaf; B (key 6) certifies A and A certifies B. */
    private static void loop(Pki p, boolean exit) {
        Blueprint b = Pki.ca(p.at, "Corpus Loop CA B", 6, null);
        Blueprint aByB = Pki.ca(p.at, "unused", 1, b);
        aByB.subject = p.ca.subject;
        b.issuer = aByB;
        List<Blueprint> sent = new ArrayList<>(List.of(p.leaf, aByB, b));
        if (exit) {
            sent.add(p.ca);
        }
        p.sent = sent;
    }

    /** A second CA with the intermediate's name but key 7; the leaf carries no AKI to tell them apart. */
    private static void sameName(Pki p, boolean rightSent) {
        Blueprint wrong = Pki.ca(p.at, "unused", 7, p.root);
        wrong.subject = p.ca.subject;
        p.leaf.aki = false;
        p.sent = rightSent ? List.of(p.leaf, wrong, p.ca) : List.of(p.leaf, wrong);
    }

    private static void deep(Pki p, boolean reversed) {
        List<Blueprint> cas = new ArrayList<>();
        Blueprint above = p.ca;
        cas.add(above);
        for (int i = 2; i <= 10; i++) {
            above = Pki.ca(p.at, "Corpus CA level " + i, 9 + i, above);
            cas.add(above);
        }
        p.leaf.issuer = above;
        Collections.reverse(cas); // issuer after subject: level 10 first
        if (reversed) {
            Collections.reverse(cas);
        }
        List<Blueprint> sent = new ArrayList<>();
        sent.add(p.leaf);
        sent.addAll(cas);
        p.sent = sent;
    }
}
