using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatTriageBot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FeedbackAndSimilarity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                table: "triages",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SimilarToId",
                table: "triages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "triage_feedback",
                columns: table => new
                {
                    TriageId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_triages_Repository_CreatedAt",
                table: "triages",
                columns: new[] { "Repository", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "triage_feedback");

            migrationBuilder.DropIndex(
                name: "IX_triages_Repository_CreatedAt",
                table: "triages");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "triages");

            migrationBuilder.DropColumn(
                name: "SimilarToId",
                table: "triages");
        }
    }
}
