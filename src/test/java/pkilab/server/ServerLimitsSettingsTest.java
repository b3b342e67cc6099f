package pkilab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pkilab.BadInputException;
import pkilab.testing.Repo;

/** The peer limits of {@code server/server.yaml}: the shipped values are the defaults, and a bad one names its line. */
class ServerLimitsSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theShippedFileSetsTheDefaults() {
        PeerLimits l = ServerSettings.load(Repo.root().resolve("server")).limits();
        assertEquals(PeerLimits.DEFAULT, l);
        assertEquals(new PeerLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60), 256), l);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "handshakeTimeout: 10s        | handshakeTimeout: 0s    | field 'handshakeTimeout': '0s' is out of range (expected more than 0s and at most 24d)",
        "headerTimeout: 10s           | headerTimeout: soon     | field 'headerTimeout': bad period 'soon' (expected a number and a unit, e.g. 10s or 2m)",
        "idleTimeout: 60s             | idleTimeout: 30d        | field 'idleTimeout': '30d' is out of range",
        "maxConnectionsPerAddress: 256 | maxConnectionsPerAddress: 0 | field 'maxConnectionsPerAddress': expected 1 or more, found 0",
    })
    void aBadLimitIsRefusedWithItsLine(String from, String to, String message) throws Exception {
        String text = Files.readString(Repo.root().resolve("server/server.yaml"));
        assertEquals(true, text.contains(from), "test set-up: " + from);
        Files.writeString(dir.resolve("server.yaml"), text.replace(from, to));
        String m = assertThrows(BadInputException.class, () -> ServerSettings.load(dir)).getMessage();
        int line = (int) text.substring(0, text.indexOf(from)).lines().count() + 1;
        assertEquals(true, m.contains(":" + line + ": " + message), m + " (line " + line + ")");
    }
}
