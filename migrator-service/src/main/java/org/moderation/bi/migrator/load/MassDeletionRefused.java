package org.moderation.bi.migrator.load;

/** The deletion guard stopped a run: it deleted nothing, and an operator must look before anything is deleted. */
public class MassDeletionRefused extends RuntimeException {

    public MassDeletionRefused(String reason) {
        super("refused a mass deletion: " + reason + ". Check which legacy database the migrator reads "
                + "(QUARKUS_DATASOURCE_LEGACY_JDBC_URL); if this really is a clean-up, run again with "
                + "--allow-mass-delete (admin API: \"allowMassDelete\": true)");
    }
}
