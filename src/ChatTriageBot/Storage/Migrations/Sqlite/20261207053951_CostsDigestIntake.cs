using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatTriageBot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CostsDigestIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AnswerMs",
                table: "triages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "triages",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Severity",
                table: "triages",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CostMicros",
                table: "model_usage",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "DurationMs",
                table: "model_usage",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Priced",
                table: "model_usage",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningTokens",
                table: "model_usage",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "ResponseId",
                table: "model_usage",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Money becomes whole millionths of a dollar, summed exactly by the database; rows written before response
            // ids were kept get a key of their own; a recorded cost above 0 means the model's price was known.
            migrationBuilder.Sql("UPDATE model_usage SET CostMicros = CAST(ROUND(Cost * 1000000) AS INTEGER), Priced = CASE WHEN Cost > 0 THEN 1 ELSE 0 END, ResponseId = 'legacy-' || Id;");

            migrationBuilder.DropIndex(
                name: "IX_model_usage_CreatedAt",
                table: "model_usage");

            migrationBuilder.DropColumn(
                name: "Cost",
                table: "model_usage");

            migrationBuilder.RenameColumn(
                name: "Purpose",
                table: "model_usage",
                newName: "Operation");

            migrationBuilder.AddColumn<bool>(
                name: "AutoTriage",
                table: "channel_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "digests",
                columns: table => new
                {
                    Period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Ts = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ChartFileId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_digests", x => x.Period);
                });

            migrationBuilder.CreateTable(
                name: "support_requests",
                columns: table => new
                {
                    Channel = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Ts = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_requests", x => new { x.Channel, x.Ts });
                });

            migrationBuilder.CreateTable(
                name: "triage_blamed_files",
                columns: table => new
                {
                    TriageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triage_blamed_files", x => new { x.TriageId, x.Path });
                    table.ForeignKey(
                        name: "FK_triage_blamed_files_triages_TriageId",
                        column: x => x.TriageId,
                        principalTable: "triages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pull_request_outcomes_At",
                table: "pull_request_outcomes",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_ByChannel",
                table: "model_usage",
                columns: new[] { "Channel", "CreatedAt", "CostMicros", "InputTokens", "OutputTokens" });

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_ByModel",
                table: "model_usage",
                columns: new[] { "Model", "CreatedAt", "CostMicros", "InputTokens", "OutputTokens" });

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_ByRepository",
                table: "model_usage",
                columns: new[] { "Repository", "CreatedAt", "CostMicros", "InputTokens", "OutputTokens" });

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_ByUser",
                table: "model_usage",
                columns: new[] { "UserId", "CreatedAt", "CostMicros", "InputTokens", "OutputTokens" });

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_Report",
                table: "model_usage",
                columns: new[] { "CreatedAt", "CostMicros", "InputTokens", "CachedInputTokens", "OutputTokens", "ReasoningTokens", "Priced", "TriageId" });

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_ResponseId",
                table: "model_usage",
                column: "ResponseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fixes_CreatedAt",
                table: "fixes",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_support_requests_ReceivedAt",
                table: "support_requests",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digests");

            migrationBuilder.DropTable(
                name: "support_requests");

            migrationBuilder.DropTable(
                name: "triage_blamed_files");

            migrationBuilder.DropIndex(
                name: "IX_pull_request_outcomes_At",
                table: "pull_request_outcomes");

            migrationBuilder.DropIndex(
                name: "IX_model_usage_ByChannel",
                table: "model_usage");

            migrationBuilder.DropIndex(
                name: "IX_model_usage_ByModel",
                table: "model_usage");

            migrationBuilder.DropIndex(
                name: "IX_model_usage_ByRepository",
                table: "model_usage");

            migrationBuilder.DropIndex(
                name: "IX_model_usage_ByUser",
                table: "model_usage");

            migrationBuilder.DropIndex(
                name: "IX_model_usage_Report",
                table: "model_usage");

            migrationBuilder.DropIndex(
                name: "IX_model_usage_ResponseId",
                table: "model_usage");

            migrationBuilder.DropIndex(
                name: "IX_fixes_CreatedAt",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "AnswerMs",
                table: "triages");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "triages");

            migrationBuilder.DropColumn(
                name: "Severity",
                table: "triages");

            migrationBuilder.DropColumn(
                name: "CostMicros",
                table: "model_usage");

            migrationBuilder.DropColumn(
                name: "DurationMs",
                table: "model_usage");

            migrationBuilder.DropColumn(
                name: "Priced",
                table: "model_usage");

            migrationBuilder.DropColumn(
                name: "ReasoningTokens",
                table: "model_usage");

            migrationBuilder.DropColumn(
                name: "ResponseId",
                table: "model_usage");

            migrationBuilder.DropColumn(
                name: "AutoTriage",
                table: "channel_settings");

            migrationBuilder.RenameColumn(
                name: "Operation",
                table: "model_usage",
                newName: "Purpose");

            migrationBuilder.AddColumn<double>(
                name: "Cost",
                table: "model_usage",
                type: "REAL",
                precision: 18,
                scale: 6,
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateIndex(
                name: "IX_model_usage_CreatedAt",
                table: "model_usage",
                column: "CreatedAt");
        }
    }
}
