using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChatTriageBot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "channel_settings",
                columns: table => new
                {
                    Channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Repository = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_settings", x => x.Channel);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    DedupeKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    MaxAttempts = table.Column<int>(type: "integer", nullable: false),
                    RunAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "slack_deliveries",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slack_deliveries", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "triages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TeamId = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ThreadTs = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    MentionTs = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Repository = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Commit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReplyTs = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ResultJson = table.Column<string>(type: "text", nullable: true),
                    ManifestJson = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    Fingerprint = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SimilarToId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_steps",
                columns: table => new
                {
                    JobId = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Result = table.Column<string>(type: "text", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_steps", x => new { x.JobId, x.Step });
                    table.ForeignKey(
                        name: "FK_job_steps_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fixes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TriageId = table.Column<long>(type: "bigint", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Summary = table.Column<string>(type: "text", nullable: true),
                    Patch = table.Column<string>(type: "text", nullable: true),
                    BaseCommit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    DetailsJson = table.Column<string>(type: "text", nullable: true),
                    ChecksPassed = table.Column<bool>(type: "boolean", nullable: false),
                    ReplyTs = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PatchFileId = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    DiscardedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PullRequestAttempt = table.Column<int>(type: "integer", nullable: false),
                    Branch = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    PullRequestRepository = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PullRequestNumber = table.Column<int>(type: "integer", nullable: true),
                    PullRequestUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PullRequestBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PullRequestOpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fixes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fixes_triages_TriageId",
                        column: x => x.TriageId,
                        principalTable: "triages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_usage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TriageId = table.Column<long>(type: "bigint", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    InputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CachedInputTokens = table.Column<long>(type: "bigint", nullable: false),
                    OutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    Cost = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    UserId = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Repository = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_usage", x => x.Id);
                    table.ForeignKey(
                        name: "FK_model_usage_triages_TriageId",
                        column: x => x.TriageId,
                        principalTable: "triages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "triage_feedback",
                columns: table => new
                {
                    TriageId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Helpful = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triage_feedback", x => new { x.TriageId, x.UserId });
                    table.ForeignKey(
                        name: "FK_triage_feedback_triages_TriageId",
                        column: x => x.TriageId,
                        principalTable: "triages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pull_request_outcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FixId = table.Column<long>(type: "bigint", nullable: false),
                    Repository = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TouchedBlamedFiles = table.Column<bool>(type: "boolean", nullable: true),
                    ChangedFiles = table.Column<string>(type: "text", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pull_request_outcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pull_request_outcomes_fixes_FixId",
                        column: x => x.FixId,
                        principalTable: "fixes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fixes_PullRequestRepository_PullRequestNumber",
                table: "fixes",
                columns: new[] { "PullRequestRepository", "PullRequestNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_fixes_TriageId",
                table: "fixes",
                column: "TriageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_jobs_DedupeKey",
                table: "jobs",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_jobs_Status_RunAfter",
                table: "jobs",
                columns: new[] { "Status", "RunAfter" });

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_CreatedAt",
                table: "model_usage",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_TriageId",
                table: "model_usage",
                column: "TriageId");

            migrationBuilder.CreateIndex(
                name: "IX_pull_request_outcomes_FixId",
                table: "pull_request_outcomes",
                column: "FixId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pull_request_outcomes_RecordedAt",
                table: "pull_request_outcomes",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_slack_deliveries_ReceivedAt",
                table: "slack_deliveries",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_triages_Channel_MentionTs",
                table: "triages",
                columns: new[] { "Channel", "MentionTs" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_triages_Channel_ThreadTs",
                table: "triages",
                columns: new[] { "Channel", "ThreadTs" });

            migrationBuilder.CreateIndex(
                name: "IX_triages_CreatedAt",
                table: "triages",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_triages_Repository_CreatedAt",
                table: "triages",
                columns: new[] { "Repository", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_settings");

            migrationBuilder.DropTable(
                name: "job_steps");

            migrationBuilder.DropTable(
                name: "model_usage");

            migrationBuilder.DropTable(
                name: "pull_request_outcomes");

            migrationBuilder.DropTable(
                name: "slack_deliveries");

            migrationBuilder.DropTable(
                name: "triage_feedback");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "fixes");

            migrationBuilder.DropTable(
                name: "triages");
        }
    }
}
