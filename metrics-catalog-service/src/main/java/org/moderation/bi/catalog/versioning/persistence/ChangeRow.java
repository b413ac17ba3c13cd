package org.moderation.bi.catalog.versioning.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The audit trail of an entry: appended in the same transaction as the change it records. */
@MappedSuperclass
public abstract class ChangeRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Its column is named by each table ({@code metric_key}, …). */
    @Column(nullable = false)
    public String key;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String action;

    /** The token's subject. */
    @Column(nullable = false)
    public String actor;

    /** The token's preferred_username, if it had one. */
    @Column(name = "actor_username")
    public String actorUsername;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "definition_hash", nullable = false)
    public String definitionHash;
}
