using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Storage;

/// <summary>
/// The one database of the bot. Provider-specific subclasses (<see cref="SqliteTriageDbContext"/>, and PostgreSQL for
/// several replicas) carry their own migrations; everything else depends on this type only.
/// </summary>
internal abstract class TriageDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<JobStepRecord> JobSteps => Set<JobStepRecord>();

    public DbSet<TriageRecord> Triages => Set<TriageRecord>();

    public DbSet<ModelUsageRecord> ModelUsage => Set<ModelUsageRecord>();

    public DbSet<SlackDeliveryRecord> SlackDeliveries => Set<SlackDeliveryRecord>();

    public DbSet<ChannelSettingRecord> ChannelSettings => Set<ChannelSettingRecord>();

    public DbSet<TriageFeedbackRecord> Feedback => Set<TriageFeedbackRecord>();

    public DbSet<FixRecord> Fixes => Set<FixRecord>();

    public DbSet<PullRequestOutcomeRecord> PullRequestOutcomes => Set<PullRequestOutcomeRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<JobRecord>(job =>
        {
            job.ToTable("jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.Kind).HasMaxLength(100);
            job.Property(j => j.DedupeKey).HasMaxLength(300);
            job.Property(j => j.LeaseOwner).HasMaxLength(200);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            job.HasIndex(j => j.DedupeKey).IsUnique();
            job.HasIndex(j => new { j.Status, j.RunAfter });
        });

        modelBuilder.Entity<JobStepRecord>(step =>
        {
            step.ToTable("job_steps");
            step.HasKey(s => new { s.JobId, s.Step });
            step.Property(s => s.Step).HasMaxLength(100);
            step.HasOne<JobRecord>().WithMany().HasForeignKey(s => s.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TriageRecord>(triage =>
        {
            triage.ToTable("triages");
            triage.HasKey(t => t.Id);
            triage.Property(t => t.Source).HasMaxLength(20);
            triage.Property(t => t.TeamId).HasMaxLength(50);
            triage.Property(t => t.Channel).HasMaxLength(50);
            triage.Property(t => t.ThreadTs).HasMaxLength(50);
            triage.Property(t => t.MentionTs).HasMaxLength(50);
            triage.Property(t => t.ReplyTs).HasMaxLength(50);
            triage.Property(t => t.RequestedBy).HasMaxLength(50);
            triage.Property(t => t.Repository).HasMaxLength(300);
            triage.Property(t => t.Commit).HasMaxLength(64);
            triage.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            triage.Property(t => t.Fingerprint).HasMaxLength(400);
            triage.HasIndex(t => new { t.Channel, t.ThreadTs });
            triage.HasIndex(t => new { t.Channel, t.MentionTs }).IsUnique();
            triage.HasIndex(t => t.CreatedAt);
            triage.HasIndex(t => new { t.Repository, t.CreatedAt });
        });

        modelBuilder.Entity<FixRecord>(fix =>
        {
            fix.ToTable("fixes");
            fix.HasKey(f => f.Id);
            fix.Property(f => f.RequestedBy).HasMaxLength(50);
            fix.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
            fix.Property(f => f.Model).HasMaxLength(100);
            fix.Property(f => f.ReplyTs).HasMaxLength(50);
            fix.Property(f => f.PullRequestUrl).HasMaxLength(500);
            fix.Property(f => f.BaseCommit).HasMaxLength(64);
            fix.Property(f => f.PatchFileId).HasMaxLength(50);
            fix.Property(f => f.DiscardedBy).HasMaxLength(50);
            fix.Property(f => f.Branch).HasMaxLength(250);
            fix.Property(f => f.PullRequestRepository).HasMaxLength(300);
            fix.Property(f => f.PullRequestBy).HasMaxLength(50);
            fix.HasIndex(f => f.TriageId).IsUnique();
            fix.HasIndex(f => new { f.PullRequestRepository, f.PullRequestNumber });
            fix.HasOne<TriageRecord>().WithMany().HasForeignKey(f => f.TriageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PullRequestOutcomeRecord>(outcome =>
        {
            outcome.ToTable("pull_request_outcomes");
            outcome.HasKey(o => o.Id);
            outcome.Property(o => o.Repository).HasMaxLength(300);
            outcome.Property(o => o.Outcome).HasConversion<string>().HasMaxLength(20);
            outcome.Property(o => o.By).HasMaxLength(100);
            outcome.Property(o => o.Source).HasMaxLength(20);
            outcome.HasIndex(o => o.FixId).IsUnique();
            outcome.HasIndex(o => o.RecordedAt);
            outcome.HasOne<FixRecord>().WithMany().HasForeignKey(o => o.FixId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TriageFeedbackRecord>(feedback =>
        {
            feedback.ToTable("triage_feedback");
            feedback.HasKey(f => new { f.TriageId, f.UserId });
            feedback.Property(f => f.UserId).HasMaxLength(50);
            feedback.HasOne<TriageRecord>().WithMany().HasForeignKey(f => f.TriageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SlackDeliveryRecord>(delivery =>
        {
            delivery.ToTable("slack_deliveries");
            delivery.HasKey(d => d.Key);
            delivery.Property(d => d.Key).HasMaxLength(200);
            delivery.HasIndex(d => d.ReceivedAt);
        });

        modelBuilder.Entity<ChannelSettingRecord>(setting =>
        {
            setting.ToTable("channel_settings");
            setting.HasKey(c => c.Channel);
            setting.Property(c => c.Channel).HasMaxLength(50);
            setting.Property(c => c.Repository).HasMaxLength(300);
            setting.Property(c => c.UpdatedBy).HasMaxLength(50);
        });

        modelBuilder.Entity<ModelUsageRecord>(usage =>
        {
            usage.ToTable("model_usage");
            usage.HasKey(u => u.Id);
            usage.Property(u => u.Purpose).HasMaxLength(50);
            usage.Property(u => u.Model).HasMaxLength(100);
            usage.Property(u => u.UserId).HasMaxLength(50);
            usage.Property(u => u.Channel).HasMaxLength(50);
            usage.Property(u => u.Repository).HasMaxLength(300);
            usage.Property(u => u.Cost).HasPrecision(18, 6);
            usage.HasIndex(u => u.CreatedAt);
            usage.HasOne<TriageRecord>().WithMany().HasForeignKey(u => u.TriageId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
