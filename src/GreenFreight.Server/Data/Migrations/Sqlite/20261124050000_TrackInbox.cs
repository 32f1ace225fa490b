using GreenFreight.Server.Tracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GreenFreight.Server.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite only: the unindexed inbox that acknowledged positions are appended to, and the marker of a move into
    /// <c>track_points</c> in progress (see <see cref="SqlitePositionStore"/>). Not part of the EF model: written and
    /// read with SQL.
    /// </summary>
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261124050000_TrackInbox")]
    public partial class TrackInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteTrackInbox.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("INSERT INTO track_points (VehicleId, TimeMs, Latitude, Longitude, SpeedKmh, Direction, AltitudeM, Alarm, Status, MileageKm, Verdict, Source, ReceivedMs) " +
                                 "SELECT i.VehicleId, i.TimeMs, i.Latitude, i.Longitude, i.SpeedKmh, i.Direction, i.AltitudeM, i.Alarm, i.Status, i.MileageKm, i.Verdict, i.Source, i.ReceivedMs FROM track_inbox i " +
                                 "WHERE NOT EXISTS (SELECT 1 FROM track_move m WHERE i.rowid <= m.MaxRowId AND i.VehicleId < m.NextVehicle);");
            migrationBuilder.Sql("DROP TABLE track_move; DROP TABLE track_inbox;");
        }
    }
}
