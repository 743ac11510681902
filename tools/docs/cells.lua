-- Lift markdown cells out of the Div pandoc's ipynb reader wraps each cell in: pandoc's --toc only sees headings
-- that are not inside such a Div. Code cells keep their Div (and their cell id, which other pages link to).
function Div(d)
  if d.classes:includes('markdown') then return d.content end
end
