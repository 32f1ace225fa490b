using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenFreight.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Access : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "zone_windows");

            migrationBuilder.DropTable(
                name: "traffic_zones");

            migrationBuilder.CreateTable(
                name: "access_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    RulesVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    ColdChainAsNewEnergy = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReviewWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewWorkingDaysGreen = table.Column<int>(type: "INTEGER", nullable: false),
                    TemporaryLeadHours = table.Column<int>(type: "INTEGER", nullable: false),
                    TemporaryLeadHoursGreen = table.Column<int>(type: "INTEGER", nullable: false),
                    AnnualForGreenOnly = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "access_zones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Area = table.Column<string>(type: "TEXT", nullable: true),
                    Line = table.Column<string>(type: "TEXT", nullable: true),
                    WidthMetres = table.Column<int>(type: "INTEGER", nullable: true),
                    SpeedLimitKmh = table.Column<int>(type: "INTEGER", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_zones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bay_visits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: true),
                    VehicleId = table.Column<int>(type: "INTEGER", nullable: true),
                    Plate = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SlotStartMs = table.Column<long>(type: "INTEGER", nullable: true),
                    SlotEndMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Space = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CheckInAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CheckOutAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    FreeStay = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bay_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bay_visits_facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delivery_passes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    VehicleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Plate = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Periods = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ZoneIds = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Roads = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Green = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ReviewDueAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RevokeReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Token = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivery_passes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_delivery_passes_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_delivery_passes_vehicles_VehicleId",
                        column: x => x.VehicleId,
                        principalTable: "vehicles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_publications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DocumentNo = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_publications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bay_slot_claims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotStartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Space = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bay_slot_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bay_slot_claims_bay_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "bay_visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pass_materials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PassId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pass_materials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pass_materials_delivery_passes_PassId",
                        column: x => x.PassId,
                        principalTable: "delivery_passes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "access_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ZoneId = table.Column<int>(type: "INTEGER", nullable: true),
                    ZoneKinds = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    Classes = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Energy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OverWeightKg = table.Column<int>(type: "INTEGER", nullable: true),
                    UpToWeightKg = table.Column<int>(type: "INTEGER", nullable: true),
                    MinEmission = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    BelowEmission = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Effect = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Days = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    Windows = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ExemptWithPass = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExemptEmergency = table.Column<bool>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PolicyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_rules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_access_rules_access_zones_ZoneId",
                        column: x => x.ZoneId,
                        principalTable: "access_zones",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_access_rules_policy_publications_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "policy_publications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "policy_attachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PolicyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_policy_attachments_policy_publications_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "policy_publications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_rules_PolicyId",
                table: "access_rules",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_access_rules_ZoneId",
                table: "access_rules",
                column: "ZoneId");

            migrationBuilder.CreateIndex(
                name: "IX_bay_slot_claims_FacilityId_SlotStartMs_Space",
                table: "bay_slot_claims",
                columns: new[] { "FacilityId", "SlotStartMs", "Space" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bay_slot_claims_VisitId",
                table: "bay_slot_claims",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_bay_visits_EnterpriseId_SlotStartMs",
                table: "bay_visits",
                columns: new[] { "EnterpriseId", "SlotStartMs" });

            migrationBuilder.CreateIndex(
                name: "IX_bay_visits_FacilityId_Status",
                table: "bay_visits",
                columns: new[] { "FacilityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_delivery_passes_EnterpriseId_Status",
                table: "delivery_passes",
                columns: new[] { "EnterpriseId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_delivery_passes_Number",
                table: "delivery_passes",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_delivery_passes_Plate",
                table: "delivery_passes",
                column: "Plate");

            migrationBuilder.CreateIndex(
                name: "IX_delivery_passes_Status_ReviewDueAt",
                table: "delivery_passes",
                columns: new[] { "Status", "ReviewDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_delivery_passes_VehicleId",
                table: "delivery_passes",
                column: "VehicleId");

            migrationBuilder.CreateIndex(
                name: "IX_pass_materials_PassId",
                table: "pass_materials",
                column: "PassId");

            migrationBuilder.CreateIndex(
                name: "IX_policy_attachments_PolicyId",
                table: "policy_attachments",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_policy_publications_PublishedAt",
                table: "policy_publications",
                column: "PublishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_rules");

            migrationBuilder.DropTable(
                name: "access_settings");

            migrationBuilder.DropTable(
                name: "bay_slot_claims");

            migrationBuilder.DropTable(
                name: "pass_materials");

            migrationBuilder.DropTable(
                name: "policy_attachments");

            migrationBuilder.DropTable(
                name: "access_zones");

            migrationBuilder.DropTable(
                name: "bay_visits");

            migrationBuilder.DropTable(
                name: "delivery_passes");

            migrationBuilder.DropTable(
                name: "policy_publications");

            migrationBuilder.CreateTable(
                name: "traffic_zones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Area = table.Column<string>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SpeedLimitKmh = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_traffic_zones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "zone_windows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Class = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    From = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    MinGrossWeightKg = table.Column<int>(type: "INTEGER", nullable: true),
                    NewEnergy = table.Column<bool>(type: "INTEGER", nullable: true),
                    To = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    ZoneId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zone_windows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_zone_windows_traffic_zones_ZoneId",
                        column: x => x.ZoneId,
                        principalTable: "traffic_zones",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_zone_windows_ZoneId",
                table: "zone_windows",
                column: "ZoneId");
        }
    }
}
