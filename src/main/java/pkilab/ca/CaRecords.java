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
 * What a CA has issued and revoked, kept in {@code ca/ID/records.json} and
 * {@code ca/ID/issued.jsonl} of the lab home so that
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

    /** The compacted records: CRL number, every entry with its revocation. */
    static final String FILE = "records.json";
    /** Issuances since the last compaction, one JSON object a line, appended under the lab lock. */
    static final String LOG = "issued.jsonl";
    private static final ObjectMapper LINE = new ObjectMapper();

    private CaRecords() {
    }

    /**
     * A CA's records as they stand: the compacted file plus the issuance log. Issuing appends
     * one line (constant time however many certificates the CA has made); revoking and CRL
     * numbering rewrite the compacted file and empty the log.
     */
    public static Data read(Path caDir) {
        Path file = caDir.resolve(FILE);
        Data data = Files.exists(file) ? compacted(caDir, file) : new Data();
        Path log = caDir.resolve(LOG);
        if (Files.exists(log)) {
            java.util.Set<String> known = new java.util.HashSet<>();
            data.entries.forEach(e -> known.add(e.serial));
            String text = pkilab.InputFiles.readUtf8(log, pkilab.InputFiles.Kind.RECORDS);
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                Entry e;
                try {
                    e = LINE.readValue(line, Entry.class);
                } catch (IOException bad) {
                    // even a line cut short by a crash is shown: the certificate it names may be out there
                    throw damaged(caDir, log + ":" + (i + 1), "not one JSON object of an issued certificate");
                }
                check(caDir, log + ":" + (i + 1), e);
                if (known.add(e.serial)) {
                    data.entries.add(e);
                }
            }
        }
        return data;
    }

    private static Data compacted(Path caDir, Path file) {
        Data data;
        try {
            data = JSON.readValue(pkilab.InputFiles.read(file, pkilab.InputFiles.Kind.RECORDS), Data.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw damaged(caDir, file + (at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr()), "not the JSON pkilab writes");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the CA's records: " + BadInputException.why(e));
        }
        if (data == null) {
            throw damaged(caDir, file.toString(), "it holds null instead of {\"crlNumber\": …, \"entries\": […]}");
        }
        if (data.entries == null) {
            throw damaged(caDir, file.toString(), "'entries' is null (expected a list, [] when nothing is issued)");
        }
        if (data.crlNumber < 0) {
            throw damaged(caDir, file.toString(), "'crlNumber' is " + data.crlNumber + " (a CRL number is 0 or more, RFC 5280 5.2.3)");
        }
        for (int i = 0; i < data.entries.size(); i++) {
            check(caDir, file + ": entries[" + i + "]", data.entries.get(i));
        }
        return data;
    }

    /** One entry as pkilab writes it: a hex serial, and a revocation with a time and an RFC 5280 reason, or none. */
    private static void check(Path caDir, String where, Entry e) {
        if (e == null) {
            throw damaged(caDir, where, "the entry is null (expected {\"serial\": …})");
        }
        if (e.serial == null || !e.serial.matches("[0-9A-Fa-f]{1,64}")) {
            throw damaged(caDir, where, "serial " + (e.serial == null ? "is missing" : "'" + shorten(e.serial) + "' is not a hex number"));
        }
        if (e.revokedAt != null) {
            try {
                Instant.parse(e.revokedAt);
                RevocationReason.parse(e.reason == null ? "" : e.reason);
            } catch (RuntimeException bad) {
                throw damaged(caDir, where, "serial " + e.serial + " has revokedAt '" + shorten(e.revokedAt) + "' and reason '"
                        + shorten(String.valueOf(e.reason)) + "' (expected an ISO time and an RFC 5280 reason such as keyCompromise)");
            }
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static BadInputException damaged(Path caDir, String where, String what) {
        return new BadInputException(where + ": the CA's records are damaged: " + what
                + "; restore the file, or re-create the CA: pkilab ca init --force " + caDir.getFileName());
    }

    /** Rewrites the compacted file with everything in {@code data}, then empties the log (call under the lab lock). */
    public static void write(Path caDir, Data data) {
        try {
            LabHome.writeAtomic(caDir.resolve(FILE), JSON.writeValueAsBytes(data), false);
            Files.deleteIfExists(caDir.resolve(LOG));
        } catch (IOException e) {
            throw new BadInputException("cannot write the records of " + caDir + ": " + BadInputException.why(e));
        }
    }

    /** Appends one issuance to the log (call under the lab lock). */
    static void append(Path caDir, Entry e) {
        try {
            byte[] line = (LINE.writeValueAsString(e) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Files.write(caDir.resolve(LOG), line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new BadInputException("cannot record the issuance in " + caDir.resolve(LOG) + ": " + BadInputException.why(ex));
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
