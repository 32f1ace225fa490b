using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenFreight.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndicatorEntryStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "indicator_entries",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "InForce");

            // Entries linked to a report follow its state: a draft's evidence entries are pending, a returned report's
            // entries withdrawn; everything else stays in force as before.
            migrationBuilder.Sql("""
                UPDATE indicator_entries SET "Status" = CASE (
                    SELECT r."Status" FROM report_indicator_values v JOIN quarterly_reports r ON r."Id" = v."ReportId"
                    WHERE v."EntryId" = indicator_entries."Id" LIMIT 1)
                  WHEN 'Draft' THEN 'Pending' WHEN 'Returned' THEN 'Withdrawn' ELSE 'InForce' END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Status",
                table: "indicator_entries");
        }
    }
}
