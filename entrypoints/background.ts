export default defineBackground(() => {
  console.log('[dejalu] background up');
});
