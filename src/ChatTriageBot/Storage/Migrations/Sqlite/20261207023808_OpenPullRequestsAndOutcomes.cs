using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatTriageBot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpenPullRequestsAndOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BaseCommit",
                table: "fixes",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Branch",
                table: "fixes",
                type: "TEXT",
                maxLength: 250,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ChecksPassed",
                table: "fixes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "DetailsJson",
                table: "fixes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiscardedBy",
                table: "fixes",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PatchFileId",
                table: "fixes",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PullRequestAttempt",
                table: "fixes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PullRequestBy",
                table: "fixes",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PullRequestNumber",
                table: "fixes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PullRequestOpenedAt",
                table: "fixes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PullRequestRepository",
                table: "fixes",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "fixes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "pull_request_outcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FixId = table.Column<long>(type: "INTEGER", nullable: false),
                    Repository = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TouchedBlamedFiles = table.Column<bool>(type: "INTEGER", nullable: true),
                    ChangedFiles = table.Column<string>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "IX_pull_request_outcomes_FixId",
                table: "pull_request_outcomes",
                column: "FixId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pull_request_outcomes_RecordedAt",
                table: "pull_request_outcomes",
                column: "RecordedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pull_request_outcomes");

            migrationBuilder.DropIndex(
                name: "IX_fixes_PullRequestRepository_PullRequestNumber",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "BaseCommit",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "Branch",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "ChecksPassed",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "DetailsJson",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "DiscardedBy",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "PatchFileId",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "PullRequestAttempt",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "PullRequestBy",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "PullRequestNumber",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "PullRequestOpenedAt",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "PullRequestRepository",
                table: "fixes");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "fixes");
        }
    }
}
