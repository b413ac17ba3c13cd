package org.moderation.bi.legacy.generator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The communities and users of the legacy app: who submits posts and who files reports. */
final class Roster {

    private static final String[][] COMMUNITIES = {
            {"Berlin Online Watch", "berlin-online-watch"},
            {"Vienna Monitoring Group", "vienna-monitoring"},
            {"Paris Vigilance", "paris-vigilance"},
            {"London Online Safety", "london-online-safety"},
            {"Campus Alliance", "campus-alliance"},
            {"Jewish Youth Network", "jewish-youth-network"},
            {"Interfaith Desk", "interfaith-desk"},
            {"Research Lab Tel Aviv", "research-lab-tel-aviv"},
    };
    private static final String[] FIRST_NAMES = {"anna", "ben", "clara", "david", "eva", "felix", "greta", "hanna",
            "ilan", "jonas", "karin", "lea", "miriam", "noah", "olga", "paul", "rachel", "samuel", "tamar", "yael"};
    private static final String[] LAST_NAMES = {"adler", "becker", "cohen", "dubois", "engel", "fischer", "gold",
            "hoffmann", "katz", "levi", "martin", "novak", "peretz", "roth", "schwarz", "weber"};
    private static final String[] MAIL_DOMAINS = {"example.org", "watch.example.net", "mail.example.com"};
    static final int USERS = 150;
    private static final int ADMINS = 4;

    private final List<LegacyCommunity> communities;
    private final List<LegacyUser> users;
    private final List<LegacyUser> admins = new ArrayList<>();
    private final List<LegacyUser> submitters = new ArrayList<>();
    private final List<LegacyUser> reportFilers = new ArrayList<>();

    Roster(List<LegacyCommunity> communities, List<LegacyUser> users) {
        this.communities = List.copyOf(communities);
        this.users = List.copyOf(users);
        for (LegacyUser user : users) {
            if (LegacyUser.ADMIN.equals(user.role())) {
                admins.add(user);
            } else {
                submitters.add(user);
            }
            if (user.filesReports()) {
                reportFilers.add(user);
            }
        }
    }

    /** Eight communities and 150 users; admins belong to no community. */
    static Roster generate(Chance chance) {
        List<LegacyCommunity> communities = new ArrayList<>();
        Instant founded = Instant.parse("2020-09-01T09:00:00Z");
        for (int i = 0; i < COMMUNITIES.length; i++) {
            Instant created = Timeline.later(founded, i * 11 * Timeline.DAY + chance.betweenLong(0, 8 * Timeline.HOUR));
            communities.add(new LegacyCommunity(i + 1, COMMUNITIES[i][0], COMMUNITIES[i][1], created));
        }
        List<LegacyUser> users = new ArrayList<>();
        for (int id = 1; id <= USERS; id++) {
            String role = roleOf(id, chance);
            Integer community = LegacyUser.ADMIN.equals(role) ? null
                    : communities.get((id - 1) % communities.size()).id();
            String first = chance.pick(FIRST_NAMES);
            String last = chance.pick(LAST_NAMES);
            String email = first + "." + last + id + "@" + chance.pick(MAIL_DOMAINS);
            String display = chance.chance(0.1) ? null : capitalize(first) + " " + capitalize(last);
            Instant created = Timeline.later(Instant.parse("2020-11-01T08:00:00Z"),
                    id * 8 * Timeline.HOUR + chance.betweenLong(0, Timeline.HOUR));
            users.add(new LegacyUser(id, email, display, role, community, created));
        }
        return new Roster(communities, users);
    }

    /** Reads the roster back from an existing legacy database (the mutator needs it). */
    static Roster load(Connection c) throws SQLException {
        List<LegacyCommunity> communities = new ArrayList<>();
        List<LegacyUser> users = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, name, slug FROM communities ORDER BY id")) {
                while (rs.next()) {
                    communities.add(new LegacyCommunity(rs.getInt(1), rs.getString(2), rs.getString(3), null));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, email, role, community_id FROM app_users ORDER BY id")) {
                while (rs.next()) {
                    users.add(new LegacyUser(rs.getInt(1), rs.getString(2), null, rs.getString(3),
                            rs.getObject(4, Integer.class), null));
                }
            }
        }
        if (communities.isEmpty() || users.isEmpty()) {
            throw new IllegalStateException("the legacy database has no communities or users: generate it first");
        }
        return new Roster(communities, users);
    }

    private static String roleOf(int id, Chance chance) {
        if (id <= ADMINS) {
            return LegacyUser.ADMIN;
        }
        if (id <= ADMINS + COMMUNITIES.length + 4) {
            return LegacyUser.COMMUNITY_MANAGER;
        }
        return chance.chance(0.3) ? LegacyUser.MODERATOR : LegacyUser.REPORTER;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    List<LegacyCommunity> communities() {
        return communities;
    }

    List<LegacyUser> users() {
        return users;
    }

    LegacyUser submitter(Chance chance) {
        boolean byAdmin = !admins.isEmpty() && (submitters.isEmpty() || chance.chance(0.03));
        return byAdmin ? chance.pick(admins) : chance.pick(submitters);
    }

    /** The community a post was filed under: usually the submitter's own. */
    Integer communityFor(LegacyUser submitter, Chance chance) {
        if (submitter.communityId() != null && chance.chance(0.88)) {
            return submitter.communityId();
        }
        return chance.pick(communities).id();
    }

    int reportFiler(Chance chance) {
        return chance.pick(reportFilers.isEmpty() ? users : reportFilers).id();
    }
}
