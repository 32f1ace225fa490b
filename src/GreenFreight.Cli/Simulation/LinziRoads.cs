namespace GreenFreight.Cli.Simulation;

/// <summary>
/// A few straight roads across Linzi's urban area (lon 118.25–118.38, lat 36.78–36.86) forming a grid: east–west
/// roads at fixed latitudes, north–south roads at fixed longitudes. Vehicles drive along them at 20–50 km/h and turn
/// at crossings at random: a random walk that stays on the roads.
/// </summary>
public static class LinziRoads
{
    public const double West = 118.25, East = 118.38, South = 36.78, North = 36.86;

    /// <summary>Latitudes of the east–west roads (临淄大道, 桓公路, 齐兴路, 牛山路 in spirit, not in exact position).</summary>
    public static readonly double[] EastWest = [36.792, 36.806, 36.821, 36.837, 36.851];

    /// <summary>Longitudes of the north–south roads.</summary>
    public static readonly double[] NorthSouth = [118.262, 118.281, 118.299, 118.318, 118.337, 118.356, 118.371];

    const double KmPerDegLat = 111.32;
    static readonly double KmPerDegLon = 111.32 * Math.Cos(36.82 * Math.PI / 180);

    /// <summary>Position of one vehicle on the grid; not thread-safe (one per terminal, used under its lock).</summary>
    public sealed class Walker
    {
        readonly Random _rng;
        bool _eastWest;     // on an east–west road (else north–south)
        int _road;          // index into EastWest or NorthSouth
        double _along;      // longitude (east–west road) or latitude (north–south road)
        int _sign;          // +1 east/north, -1 west/south
        double _speedKmh;
        long _lastTicks;

        public double MileageKm { get; private set; }

        public Walker(Random rng, long nowTicks)
        {
            _rng = rng;
            _eastWest = rng.Next(2) == 0;
            _road = rng.Next(_eastWest ? EastWest.Length : NorthSouth.Length);
            _along = _eastWest ? West + rng.NextDouble() * (East - West) : South + rng.NextDouble() * (North - South);
            _sign = rng.Next(2) == 0 ? 1 : -1;
            _speedKmh = 20 + rng.NextDouble() * 30;
            _lastTicks = nowTicks;
            MileageKm = rng.Next(1_000, 200_000);
        }

        public double Latitude => _eastWest ? EastWest[_road] : _along;
        public double Longitude => _eastWest ? _along : NorthSouth[_road];
        public double SpeedKmh => _speedKmh;

        /// <summary>Heading in degrees clockwise from north.</summary>
        public ushort Direction => (ushort)(_eastWest ? (_sign > 0 ? 90 : 270) : (_sign > 0 ? 0 : 180));

        /// <summary>Where the vehicle was <paramref name="seconds"/> ago, straight back along its heading (batch items).</summary>
        public (double Latitude, double Longitude) Back(double seconds)
        {
            var degrees = _speedKmh * seconds / 3600 / (_eastWest ? KmPerDegLon : KmPerDegLat);
            var along = _along - _sign * degrees;
            return _eastWest ? (Latitude, Math.Clamp(along, West, East)) : (Math.Clamp(along, South, North), Longitude);
        }

        /// <summary>Drives on for the time elapsed since the last call (<see cref="TimeProvider"/>-free: Stopwatch ticks).</summary>
        public void Advance(long nowTicks)
        {
            var seconds = Math.Clamp((nowTicks - _lastTicks) / (double)System.Diagnostics.Stopwatch.Frequency, 0, 60);
            _lastTicks = nowTicks;
            var km = _speedKmh * seconds / 3600;
            MileageKm += km;
            var degrees = km / (_eastWest ? KmPerDegLon : KmPerDegLat);
            var from = _along;
            var to = from + _sign * degrees;
            var (min, max) = _eastWest ? (West, East) : (South, North);
            var crossings = _eastWest ? NorthSouth : EastWest;
            // A crossing passed on the way: turn there now and then (the rest of the step is not worth modelling).
            foreach (var c in crossings)
            {
                if (c == from || Math.Sign(c - from) != _sign || Math.Abs(c - from) > Math.Abs(to - from)) continue;
                if (_rng.NextDouble() < 0.35)
                {
                    var newRoad = Array.IndexOf(_eastWest ? NorthSouth : EastWest, c);
                    _along = _eastWest ? EastWest[_road] : NorthSouth[_road];
                    _eastWest = !_eastWest;
                    _road = newRoad;
                    _sign = _rng.Next(2) == 0 ? 1 : -1;
                    ChangeSpeed();
                    return;
                }
            }
            if (to < min || to > max)
            {
                _sign = -_sign;   // end of the road: turn round
                to = Math.Clamp(to, min, max);
            }
            _along = to;
            if (_rng.NextDouble() < 0.05) ChangeSpeed();
        }

        void ChangeSpeed() => _speedKmh = Math.Clamp(_speedKmh + (_rng.NextDouble() - 0.5) * 10, 20, 50);
    }
}
