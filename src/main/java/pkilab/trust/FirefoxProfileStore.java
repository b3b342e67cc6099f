package pkilab.trust;

import java.util.List;

/**
 * One Firefox profile's NSS database, named after the profile: the {@link NssTrustStore} of
 * its folder, plus what only Firefox needs said (no database before the first start; a
 * running Firefox may keep what it read at start).
 */
public final class FirefoxProfileStore implements TrustStore {
    private final FirefoxProfiles.Profile profile;
    private final NssTrustStore nss;

    public FirefoxProfileStore(FirefoxProfiles.Profile profile, String certutil) {
        this.profile = profile;
        this.nss = new NssTrustStore(profile.dir(), certutil);
    }

    public FirefoxProfiles.Profile profile() {
        return profile;
    }

    @Override
    public String name() {
        return "firefox:" + profile.label() + " " + nss.name();
    }

    @Override
    public boolean systemWide() {
        return false;
    }

    @Override
    public String unavailable() {
        if (!profile.hasDatabase()) {
            return "no NSS database (cert9.db) in " + profile.dir() + ": start Firefox once with this profile"
                    + " (firefox -P " + (profile.name().matches("[\\w.@+-]+") ? profile.name() : "'" + profile.name() + "'") + ")";
        }
        return nss.unavailable();
    }

    @Override
    public boolean contains(TrustRoot root) {
        return nss.contains(root);
    }

    @Override
    public List<String> planAdd(TrustRoot root) {
        return nss.planAdd(root);
    }

    @Override
    public List<String> planRemove(TrustRoot root) {
        return nss.planRemove(root);
    }

    @Override
    public void add(TrustRoot root) {
        nss.add(root);
    }

    @Override
    public void remove(TrustRoot root) {
        nss.remove(root);
    }

    @Override
    public List<Entry> list() {
        return nss.list();
    }

    @Override
    public Verification verify(TrustRoot root, TrustCheck check) {
        return nss.verify(root, check);
    }

    @Override
    public String afterChange() {
        return profile.mayBeInUse() ? "Firefox may be running with profile " + profile.label() + " (lock file in "
                + profile.dir() + "): restart Firefox to see the change" : null;
    }
}
