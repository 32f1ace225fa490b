using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenFreight.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Tracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_keys_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "track_points",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VehicleId = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    SpeedKmh = table.Column<float>(type: "REAL", nullable: false),
                    Direction = table.Column<short>(type: "INTEGER", nullable: false),
                    AltitudeM = table.Column<short>(type: "INTEGER", nullable: false),
                    Alarm = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<long>(type: "INTEGER", nullable: false),
                    MileageKm = table.Column<double>(type: "REAL", nullable: true),
                    Verdict = table.Column<byte>(type: "INTEGER", maxLength: 40, nullable: false),
                    Source = table.Column<byte>(type: "INTEGER", maxLength: 40, nullable: false),
                    ReceivedMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_track_points", x => x.Id);
                    table.ForeignKey(
                        name: "FK_track_points_vehicles_VehicleId",
                        column: x => x.VehicleId,
                        principalTable: "vehicles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_EnterpriseId",
                table: "api_keys",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_track_points_VehicleId_TimeMs",
                table: "track_points",
                columns: new[] { "VehicleId", "TimeMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "track_points");
        }
    }
}
