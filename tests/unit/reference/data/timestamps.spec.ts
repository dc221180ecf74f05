import { test } from '@japa/runner'
import { formatUtcTimestamp, parseUtcTimestamp } from '../../../../reference/data/timestamps.ts'

const utc = (iso: string): number => Date.parse(iso)

test.group('data/timestamps', () => {
  test('naive times are UTC; offsets are converted; date-only is midnight UTC', ({ assert }) => {
    assert.equal(parseUtcTimestamp('2024-06-30 23:00:00'), utc('2024-06-30T23:00:00Z'))
    assert.equal(parseUtcTimestamp('2024-06-30T23:00:00+05:30'), utc('2024-06-30T17:30:00Z'))
    assert.equal(parseUtcTimestamp('2024-06-30T23:00:00-0400'), utc('2024-07-01T03:00:00Z'))
    assert.equal(parseUtcTimestamp('2024-06-30 23:00 UTC'), utc('2024-06-30T23:00:00Z'))
    assert.equal(parseUtcTimestamp('2024-12-31'), utc('2024-12-31T00:00:00Z'))
  })

  test('impossible or non-ISO text is rejected', ({ assert }) => {
    for (const text of ['2024-02-30', '2024-01-01T24:00:00Z', '1.1', 'yesterday', '01/02/2024', '']) {
      assert.isNaN(parseUtcTimestamp(text), text)
    }
  })

  test('formatting drops zero milliseconds', ({ assert }) => {
    assert.equal(formatUtcTimestamp(utc('2024-01-01T00:00:00Z')), '2024-01-01T00:00:00Z')
    assert.equal(formatUtcTimestamp(utc('2024-01-01T00:00:00.250Z')), '2024-01-01T00:00:00.250Z')
  })
})
