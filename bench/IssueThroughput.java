import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;
import pkilab.ca.LeafRequest;

/**
 * In-process issuance throughput: certificates per second for EC P-256 and RSA-2048 leaves
 * from the public intermediate, single-threaded and on every core.
 *
 *   java -cp target/pkilab.jar bench/IssueThroughput.java CA_FOLDER LAB_HOME COUNT
 */
public class IssueThroughput {
    public static void main(String[] args) throws Exception {
        Path caFolder = Path.of(args[0]);
        Path home = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        Lab lab = Lab.open(home, caFolder);
        lab.init(Set.of(), m -> { });
        for (KeyType kt : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
            run(lab, kt, Math.max(5, count / 10), 1);          // warm-up
            double single = run(lab, kt, kt.isRsa() ? count / 4 : count, 1);
            int cores = Runtime.getRuntime().availableProcessors();
            double all = run(lab, kt, kt.isRsa() ? count / 4 : count, cores);
            System.out.printf("%s: %.1f certs/s on 1 thread, %.1f certs/s on %d threads%n", kt, single, all, cores);
        }
    }

    static double run(Lab lab, KeyType kt, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            fs.add(pool.submit(() -> lab.issue(new LeafRequest().ca("public").dns("b" + k + ".contoso.test").key(kt))));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
