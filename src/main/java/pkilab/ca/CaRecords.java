package pkilab.ca;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import pkilab.BadInputException;

/**
 * What a CA has issued and revoked, kept in {@code ca/ID/records.json} of the lab home so that
 * CRLs and OCSP answers made later (by another process, the server) are right.
 */
public final class CaRecords {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One issued certificate; {@code revoked} is null while it is good. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Entry {
        public String serial;
        public String subject;
        public String notAfter;
        public String issued;
        public String revokedAt;
        public String reason;

        @JsonIgnore
        public BigInteger serialNumber() {
            return new BigInteger(serial, 16);
        }

        @JsonIgnore
        public boolean isRevoked() {
            return revokedAt != null;
        }
    }

    /** The file's content. */
    public static final class Data {
        public long crlNumber;
        public List<Entry> entries = new ArrayList<>();
    }

    private CaRecords() {
    }

    public static Data read(Path file) {
        if (!Files.exists(file)) {
            return new Data();
        }
        try {
            return JSON.readValue(file.toFile(), Data.class);
        } catch (IOException e) {
            throw new BadInputException(file + ": the CA's records are damaged: " + e.getMessage());
        }
    }

    public static void write(Path file, Data data) {
        try {
            LabHome.writeAtomic(file, JSON.writeValueAsBytes(data), false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<Entry> find(Data data, BigInteger serial) {
        return data.entries.stream().filter(e -> e.serialNumber().equals(serial)).findFirst();
    }

    public static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    static Entry entry(BigInteger serial, String subject, Instant notAfter, Instant issued) {
        Entry e = new Entry();
        e.serial = hex(serial);
        e.subject = subject;
        e.notAfter = notAfter.toString();
        e.issued = issued.toString();
        return e;
    }
}
