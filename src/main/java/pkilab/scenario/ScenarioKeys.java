package pkilab.scenario;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import pkilab.ca.KeyType;
import pkilab.ca.Lab;

/**
 * Which key pairs a batch of scenarios gets. Making RSA keys is nearly all the work of a cold
 * start, so:
 * <ul>
 *   <li>a scenario made again keeps its server key when the key type did not change (as
 *       renewing a certificate on the same server usually does);</li>
 *   <li>new servers of one key type share one key: the lab's scenario servers are one
 *       machine with many certificates, and no lesson depends on the key being unique;</li>
 *   <li>each odd CA (private root, expired intermediate…) gets a key of its own, so no two
 *       CAs share a key identifier;</li>
 *   <li>whatever must be generated is generated in parallel, on every core.</li>
 * </ul>
 */
final class ScenarioKeys {
    private ScenarioKeys() {
    }

    /**
     * For each scenario, its keys in the order {@link ChainMaker#make} takes them: the server
     * key, then its odd issuer's key if it has one.
     *
     * @param previous a scenario's earlier server key, where one exists
     */
    static Map<String, List<KeyPair>> plan(Lab lab, List<Scenario> scenarios, Map<String, KeyPair> previous) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pkilab-keygen");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<KeyType, Future<KeyPair>> shared = new LinkedHashMap<>();
            Map<String, List<Future<KeyPair>>> futures = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                List<KeyType> types = ChainMaker.keysNeeded(lab, s);
                List<Future<KeyPair>> list = new ArrayList<>();
                KeyPair old = previous.get(s.id());
                if (old != null && KeyType.parse(label(old)) == types.get(0)) {
                    list.add(java.util.concurrent.CompletableFuture.completedFuture(old));
                } else {
                    list.add(shared.computeIfAbsent(types.get(0), k -> pool.submit(k::generate)));
                }
                for (KeyType k : types.subList(1, types.size())) {
                    list.add(pool.submit(k::generate));
                }
                futures.put(s.id(), list);
            }
            Map<String, List<KeyPair>> out = new LinkedHashMap<>();
            for (Map.Entry<String, List<Future<KeyPair>>> e : futures.entrySet()) {
                List<KeyPair> keys = new ArrayList<>();
                for (Future<KeyPair> f : e.getValue()) {
                    keys.add(f.get());
                }
                out.put(e.getKey(), keys);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making keys", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot make a key: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The lab's label of a key pair's type ({@code rsa-2048}, {@code ec-p256}). */
    static String label(KeyPair kp) {
        if (kp.getPublic() instanceof java.security.interfaces.RSAPublicKey rsa) {
            return "rsa-" + rsa.getModulus().bitLength();
        }
        if (kp.getPublic() instanceof java.security.interfaces.ECPublicKey ec) {
            return "ec-p" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return kp.getPublic().getAlgorithm();
    }
}
