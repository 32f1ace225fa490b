using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenFreight.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "vehicles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "units",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "retail_outlets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "facilities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "enterprises",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "units");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "retail_outlets");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "facilities");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "enterprises");
        }
    }
}
