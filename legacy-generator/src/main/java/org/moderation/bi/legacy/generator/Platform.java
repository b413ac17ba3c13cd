package org.moderation.bi.legacy.generator;

/** The platform a post really came from; the legacy data never stores it reliably (quirk 2). */
enum Platform {
    FACEBOOK(25, true),
    INSTAGRAM(16, true),
    THREADS(4, true),
    WHATSAPP(3, true),
    X(15, false),
    TIKTOK(10, false),
    YOUTUBE(10, false),
    TELEGRAM(7, false),
    REDDIT(4, false),
    OTHER_SITES(6, false);

    private static final Platform[] ALL = values();
    private static final int[] WEIGHTS = new int[ALL.length];

    static {
        for (int i = 0; i < ALL.length; i++) {
            WEIGHTS[i] = ALL[i].weight;
        }
    }

    private final int weight;
    private final boolean meta;

    Platform(int weight, boolean meta) {
        this.weight = weight;
        this.meta = meta;
    }

    /** Facebook, Instagram, Threads and WhatsApp: the ones people label 'Meta'. */
    boolean meta() {
        return meta;
    }

    static Platform draw(Chance chance) {
        return ALL[chance.weighted(WEIGHTS)];
    }
}
