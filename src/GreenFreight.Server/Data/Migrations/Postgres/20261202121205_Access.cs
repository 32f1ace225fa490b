using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GreenFreight.Server.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    RulesVersion = table.Column<long>(type: "bigint", nullable: false),
                    ColdChainAsNewEnergy = table.Column<bool>(type: "boolean", nullable: false),
                    ReviewWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    ReviewWorkingDaysGreen = table.Column<int>(type: "integer", nullable: false),
                    TemporaryLeadHours = table.Column<int>(type: "integer", nullable: false),
                    TemporaryLeadHoursGreen = table.Column<int>(type: "integer", nullable: false),
                    AnnualForGreenOnly = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "access_zones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Area = table.Column<string>(type: "text", nullable: true),
                    Line = table.Column<string>(type: "text", nullable: true),
                    WidthMetres = table.Column<int>(type: "integer", nullable: true),
                    SpeedLimitKmh = table.Column<int>(type: "integer", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_zones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bay_visits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FacilityId = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: true),
                    VehicleId = table.Column<int>(type: "integer", nullable: true),
                    Plate = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SlotStartMs = table.Column<long>(type: "bigint", nullable: true),
                    SlotEndMs = table.Column<long>(type: "bigint", nullable: true),
                    Space = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CheckInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckOutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FreeStay = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false),
                    VehicleId = table.Column<int>(type: "integer", nullable: false),
                    Plate = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Periods = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ZoneIds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Roads = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Green = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RejectReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokeReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Token = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DocumentNo = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Issuer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_publications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bay_slot_claims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FacilityId = table.Column<int>(type: "integer", nullable: false),
                    SlotStartMs = table.Column<long>(type: "bigint", nullable: false),
                    Space = table.Column<int>(type: "integer", nullable: false),
                    VisitId = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PassId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ZoneId = table.Column<int>(type: "integer", nullable: true),
                    ZoneKinds = table.Column<int>(type: "integer", maxLength: 40, nullable: false),
                    Classes = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Energy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OverWeightKg = table.Column<int>(type: "integer", nullable: true),
                    UpToWeightKg = table.Column<int>(type: "integer", nullable: true),
                    MinEmission = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BelowEmission = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Effect = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Days = table.Column<int>(type: "integer", maxLength: 40, nullable: false),
                    Windows = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ExemptWithPass = table.Column<bool>(type: "boolean", nullable: false),
                    ExemptEmergency = table.Column<bool>(type: "boolean", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    PolicyId = table.Column<int>(type: "integer", nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PolicyId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Area = table.Column<string>(type: "text", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SpeedLimitKmh = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_traffic_zones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "zone_windows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Class = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    From = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    MinGrossWeightKg = table.Column<int>(type: "integer", nullable: true),
                    NewEnergy = table.Column<bool>(type: "boolean", nullable: true),
                    To = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    ZoneId = table.Column<int>(type: "integer", nullable: false)
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
