import { subjectPrefixes } from '../../../functions/src/message-log/subject-prefixes';

test.each<[string, string[]]>([
  ['/devices/7f3c', ['/', '/devices/', '/devices/7f3c']],
  ['/devices/7f3c/config', ['/', '/devices/', '/devices/7f3c/', '/devices/7f3c/config']],
  ['/devices/', ['/', '/devices/']],
  ['order-17', ['order-17']],
])('the prefixes of %s are %j', (subject, prefixes) => {
  expect(subjectPrefixes(subject)).toEqual(prefixes);
});
