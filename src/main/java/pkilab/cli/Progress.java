package pkilab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Progress of the slow steps (RSA-4096 keys, the first lab, real clients) on standard error,
 * with the time each took. On a terminal the current step shows its seconds as they pass, on
 * one line rewritten in place; when standard error is a file or a pipe each step is one line,
 * written when it ends ({@code making certificates for 26 scenario(s) … 2.3 s}).
 *
 * <p>A step ends when the next one starts or at {@link #done()}. The lab's CAs announce their
 * keys one by one and then make them side by side, so those announcements are one step.
 */
final class Progress implements Consumer<String> {
    private static final Pattern KEY = Pattern.compile("^making an? (\\S+) key for .*");
    private final PrintWriter err;
    private final boolean terminal;
    private ScheduledExecutorService ticker;
    private String step;
    private final List<String> keys = new ArrayList<>();
    private long started;

    Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void accept(String message) {
        String text = message.replaceFirst("\\s*…\\s*$", "");
        Matcher key = KEY.matcher(text);
        if (key.matches() && !keys.isEmpty() && step != null) {
            keys.add(key.group(1));
            step = keyStep();
            show(false);
            return;
        }
        done();
        keys.clear();
        if (key.matches()) {
            keys.add(key.group(1));
            text = keyStep();
        }
        step = text;
        started = System.nanoTime();
        if (terminal) {
            show(false);
            if (ticker == null) {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "pkilab-progress");
                    t.setDaemon(true);
                    return t;
                });
                ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
            }
        }
    }

    private String keyStep() {
        return "making keys for the lab's CAs (" + String.join(", ", keys) + ")";
    }

    private synchronized void tick() {
        if (step != null) {
            show(false);
        }
    }

    /** Ends the current step, printing the time it took; stops the terminal's clock. */
    synchronized void done() {
        if (step != null) {
            show(true);
            step = null;
        }
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void show(boolean end) {
        double secs = (System.nanoTime() - started) / 1e9;
        String time = end ? String.format(Locale.ROOT, "%.1f s", secs) : (long) secs + " s";
        if (terminal) {
            // \r and "erase to end of line": the step's line is rewritten in place
            err.print("\r\u001b[K" + step + " … " + time + (end ? "\n" : ""));
            err.flush();
        } else if (end) {
            err.println(step + " … " + time);
            err.flush();
        }
    }
}
