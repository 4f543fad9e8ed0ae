import { median, spread } from '../../bench/support/stats';

describe('the spread of repeated runs', () => {
  it('gives the middle ratio of an odd number of runs, whatever their order', () => {
    expect(spread([0.93, 0.81, 0.9, 0.88, 0.95])).toEqual({ min: 0.81, median: 0.9, max: 0.95 });
  });

  it('takes the mean of the two middle ratios of an even number, not the lower one', () => {
    expect(median([0.8, 1.0])).toBeCloseTo(0.9, 10);
    expect(spread([0.95, 0.85, 0.9, 0.8])).toEqual({ min: 0.8, median: 0.875, max: 0.95 });
  });

  it('reports one run as its own minimum, median and maximum', () => {
    expect(spread([0.91])).toEqual({ min: 0.91, median: 0.91, max: 0.91 });
  });

  it('has no median of nothing', () => {
    expect(median([])).toBeNaN();
  });
});
