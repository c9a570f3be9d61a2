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

    public DbSet<TriageBlamedFileRecord> BlamedFiles => Set<TriageBlamedFileRecord>();

    public DbSet<SupportRequestRecord> SupportRequests => Set<SupportRequestRecord>();

    public DbSet<DigestRecord> Digests => Set<DigestRecord>();

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
            triage.Property(t => t.Kind).HasMaxLength(30);
            triage.Property(t => t.Severity).HasMaxLength(20);
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
            fix.HasIndex(f => f.CreatedAt);
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
            outcome.HasIndex(o => o.At);
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
            usage.Property(u => u.ResponseId).HasMaxLength(200);
            usage.Property(u => u.Operation).HasMaxLength(50);
            usage.Property(u => u.Model).HasMaxLength(100);
            usage.Property(u => u.UserId).HasMaxLength(50);
            usage.Property(u => u.Channel).HasMaxLength(50);
            usage.Property(u => u.Repository).HasMaxLength(300);
            usage.HasIndex(u => u.ResponseId).IsUnique();
            // Reports and caps read the ledger from indexes alone, never the table: totals of a time range from the first;
            // a breakdown by user, channel, model or repository from the one led by that column, which gives each
            // one's rows of the range already together (no sort of the range's rows), and a person's or a channel's
            // cap from a seek in it.
            usage.HasIndex(u => new { u.CreatedAt, u.CostMicros, u.InputTokens, u.CachedInputTokens, u.OutputTokens, u.ReasoningTokens, u.Priced, u.TriageId })
                .HasDatabaseName("IX_model_usage_Report");
            usage.HasIndex(u => new { u.UserId, u.CreatedAt, u.CostMicros, u.InputTokens, u.OutputTokens }).HasDatabaseName("IX_model_usage_ByUser");
            usage.HasIndex(u => new { u.Channel, u.CreatedAt, u.CostMicros, u.InputTokens, u.OutputTokens }).HasDatabaseName("IX_model_usage_ByChannel");
            usage.HasIndex(u => new { u.Model, u.CreatedAt, u.CostMicros, u.InputTokens, u.OutputTokens }).HasDatabaseName("IX_model_usage_ByModel");
            usage.HasIndex(u => new { u.Repository, u.CreatedAt, u.CostMicros, u.InputTokens, u.OutputTokens }).HasDatabaseName("IX_model_usage_ByRepository");
            usage.HasOne<TriageRecord>().WithMany().HasForeignKey(u => u.TriageId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<TriageBlamedFileRecord>(blamed =>
        {
            blamed.ToTable("triage_blamed_files");
            blamed.HasKey(b => new { b.TriageId, b.Path });
            blamed.Property(b => b.Path).HasMaxLength(500);
            blamed.HasOne<TriageRecord>().WithMany().HasForeignKey(b => b.TriageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SupportRequestRecord>(request =>
        {
            request.ToTable("support_requests");
            request.HasKey(r => new { r.Channel, r.Ts });
            request.Property(r => r.Channel).HasMaxLength(50);
            request.Property(r => r.Ts).HasMaxLength(50);
            request.Property(r => r.UserId).HasMaxLength(50);
            request.HasIndex(r => r.ReceivedAt);
        });

        modelBuilder.Entity<DigestRecord>(digest =>
        {
            digest.ToTable("digests");
            digest.HasKey(d => d.Period);
            digest.Property(d => d.Period).HasMaxLength(10);
            digest.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            digest.Property(d => d.Channel).HasMaxLength(50);
            digest.Property(d => d.Ts).HasMaxLength(50);
            digest.Property(d => d.ChartFileId).HasMaxLength(50);
            digest.Property(d => d.ClaimedBy).HasMaxLength(200);
        });
    }
}
