package pkilab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import pkilab.ca.Lab;
import pkilab.config.ConfigDir;

/** What every subcommand shares: the global options, the lab, output streams, JSON. */
public abstract class LabCommand {
    protected static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    protected CommandSpec spec;

    protected GlobalOptions global() {
        Object top = spec.root().userObject();
        return ((PkilabCommand) top).global;
    }

    protected Path labHome() {
        return global().labHome();
    }

    /** The folder holding ca/, scenarios/ and server/. */
    protected Path configDir() {
        return ConfigDir.resolve();
    }

    protected Lab lab() {
        return Lab.open(labHome(), configDir().resolve("ca"));
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private Progress progress;

    /**
     * A slow step starts (the previous one ends): shown on standard error with the time it
     * takes, on a terminal as it passes, else as one line when it ends ({@link Progress}).
     */
    protected void progress(String message) {
        if (progress == null) {
            progress = new Progress(err(), System.console() != null);
        }
        progress.accept(message);
    }

    /** The last step ended: its time is printed before the command's own output. */
    public void progressDone() {
        if (progress != null) {
            progress.done();
        }
    }

    protected String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path as the user should read it: relative to the current directory when under it. */
    protected static String show(Path p) {
        return ConfigDir.display(p);
    }
}
