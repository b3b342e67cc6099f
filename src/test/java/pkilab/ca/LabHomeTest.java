package pkilab.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pkilab.BadInputException;
import pkilab.testing.TestLabs;

class LabHomeTest {
    @TempDir
    Path dir;

    @Test
    void atomicWriteReplacesWholeFilesAndKeepsSecretsPrivate() throws Exception {
        Path f = dir.resolve("sub/key.pem");
        LabHome.writeAtomic(f, "one".getBytes(StandardCharsets.US_ASCII), true);
        LabHome.writeAtomic(f, "two".getBytes(StandardCharsets.US_ASCII), true);
        assertEquals("two", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList(), "no temporary files left behind");
        }
    }

    @Test
    void aFileInTheWayOfTheLabHomeIsBadInput() throws Exception {
        Path file = dir.resolve("notadir");
        Files.writeString(file, "x");
        BadInputException e = assertThrows(BadInputException.class, () -> LabHome.privateDir(file.resolve("ca")));
        assertTrue(e.getMessage().startsWith("cannot create folder"), e.getMessage());
    }

    @Test
    void aLabHomeThatCannotBeLockedIsBadInput() throws Exception {
        // as root no permission is ever denied: a folder where the lock file goes fails the same way
        Files.createDirectories(dir.resolve("lab/.lock"));
        BadInputException e = assertThrows(BadInputException.class, () -> new LabHome(dir.resolve("lab")).lock());
        assertTrue(e.getMessage().startsWith("cannot lock the lab home " + dir.resolve("lab") + " ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("give your own --lab DIR"), e.getMessage());
    }

    @Test
    void concurrentIssuanceLosesNoRecord() throws Exception {
        Lab lab = TestLabs.shared();
        int before = lab.records("enterprise").entries.size();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<IssuedCertificate>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            futures.add(pool.submit(() -> lab.issue(new LeafRequest().ca("enterprise").dns("c" + n + ".contoso.test").key(KeyType.EC_P256))));
        }
        Set<String> serials = new HashSet<>();
        for (Future<IssuedCertificate> f : futures) {
            serials.add(CaRecords.hex(f.get().certificate().getSerialNumber()));
        }
        pool.shutdown();
        CaRecords.Data after = lab.records("enterprise");
        assertEquals(before + 12, after.entries.size(), "every issuance recorded once");
        Set<String> recorded = new HashSet<>();
        after.entries.forEach(e -> recorded.add(e.serial));
        assertTrue(recorded.containsAll(serials));
    }
}
