package org.moderation.bi.catalog.versioning.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of an entry: its definition as canonical JSON, its status, and who did what to it when. */
@MappedSuperclass
public abstract class VersionRow<E extends EntryRow> extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Its join column is named by each table ({@code metric_id}, …). */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public E entry;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String status;

    /** The canonical JSON of the definition (see DefinitionHash), stored as jsonb. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String definition;

    @Column(name = "definition_hash", nullable = false)
    public String definitionHash;

    /** Optimistic lock: a draft changed by someone else since it was read is a 412, not a lost update. */
    @Version
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "deprecated_by")
    public String deprecatedBy;

    @Column(name = "deprecated_at")
    public Instant deprecatedAt;
}
