package org.moderation.bi.catalog.versioning.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Something the catalog keeps in versions (a metric, a dashboard): its key, and who made it when. */
@MappedSuperclass
public abstract class EntryRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Its column is named by each table ({@code metric_key}, …). */
    @Column(nullable = false, unique = true)
    public String key;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
